package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's real duplicate-key errors, mapped to the sign-up outcome they mean. */
class MysqlDialectTest {
    private static final String INSERT = """
            INSERT INTO users (ip_address, username, password, email, created_on, company, country, bio, session_hash)
            VALUES ('127.0.0.1', ?, 'x', ?, 0, '0000', '0000', 'No Bio', ?)""";

    private static ScratchMysqlDatabase db;
    private static MysqlDialect dialect;

    @BeforeAll
    static void prepare() {
        db = ScratchMysqlDatabase.createWithLegacySchema();
        dialect = MysqlDialect.of(db.config());
        try (HikariDataSource pool = new MysqlConnections(db.config()).openPool()) {
            dialect.prepareSchema(Jdbi.create(pool));
        }
        db.update(INSERT, "taken", "taken@example.org", "0123456789abcdef0123456789abcdef");
    }

    @AfterAll
    static void drop() {
        if (db != null) db.close();
    }

    private static Throwable insert(String username, String email, String key) {
        return catchThrowable(() -> db.update(INSERT, username, email, key));
    }

    @Test
    void theLegacyUsernameAndEmailKeyMeansTheEmailIsTaken() {
        Throwable failure = insert("TAKEN", "Taken@Example.org", "ffffffffffffffffffffffffffffffff");

        assertThat(dialect.violatedUniqueKey(failure)).contains(UniqueKey.EMAIL);
    }

    @Test
    void duplicateSessionHashIsTheApiKey() {
        Throwable failure = insert("other", "other@example.org", "0123456789abcdef0123456789abcdef");

        assertThat(dialect.violatedUniqueKey(failure)).contains(UniqueKey.API_KEY);
        assertThat(dialect.describe(failure)).doesNotContain("0123456789abcdef0123456789abcdef");
    }

    @Test
    void otherFailuresAreNoUniqueKey() {
        Throwable primary = catchThrowable(() -> db.update("INSERT INTO `groups` (id, name, description) VALUES (1, 'x', 'y')"));
        Throwable notNull = catchThrowable(() -> db.update("INSERT INTO users (username) VALUES ('x')"));

        assertThat(primary).isNotNull();
        assertThat(dialect.violatedUniqueKey(primary)).isEmpty();
        assertThat(notNull).isNotNull();
        assertThat(dialect.violatedUniqueKey(notNull)).isEmpty();
        assertThat(dialect.violatedUniqueKey(new IllegalStateException("nothing to do with SQL"))).isEmpty();
    }

    @Test
    void incorrectStringMessagesLoseTheirBytes() {
        Throwable failure = catchThrowable(() -> db.update(INSERT, "li", "li@example.org", "李李李"));

        assertThat(String.valueOf(failure.getCause().getMessage())).contains("\\xE6");
        assertThat(dialect.describe(failure)).contains("Incorrect string value: '...'").doesNotContain("\\xE6");
    }
}
