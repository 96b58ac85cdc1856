package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/** The driver's real constraint errors, mapped to the sign-up outcome they mean. */
class SqliteDialectTest {
    private static final String INSERT = """
            INSERT INTO users (ip_address, username, password, email, created_on, company, country, bio, session_hash)
            VALUES ('127.0.0.1', ?, 'x', ?, 0, '0000', '0000', 'No Bio', ?)""";

    @TempDir
    Path dir;
    private Path file;
    private final SqliteDialect dialect = new SqliteDialect("unused.db");

    @BeforeEach
    void createSchema() throws SQLException {
        file = dir.resolve("auth.db");
        JdbcStores.sqlite(file).close();
        PlainSql.update(file, INSERT, "taken", "taken@example.org", "0123456789abcdef0123456789abcdef");
    }

    private Throwable insert(String username, String email, String key) {
        return catchThrowable(() -> PlainSql.update(file, INSERT, username, email, key));
    }

    @Test
    void duplicateEmailInAnyCaseIsTheEmailKey() {
        Throwable failure = insert("other", "TAKEN@Example.ORG", "ffffffffffffffffffffffffffffffff");

        assertThat(dialect.violatedUniqueKey(failure)).contains(UniqueKey.EMAIL);
        assertThat(UniqueKey.EMAIL.asResult()).isInstanceOf(CreateResult.EmailTaken.class);
    }

    @Test
    void duplicateUsernameInAnyCaseIsTheUsernameKey() {
        Throwable failure = insert("TAKEN", "other@example.org", "ffffffffffffffffffffffffffffffff");

        assertThat(dialect.violatedUniqueKey(failure)).contains(UniqueKey.USERNAME);
        assertThat(UniqueKey.USERNAME.asResult()).isInstanceOf(CreateResult.UsernameTaken.class);
    }

    @Test
    void duplicateSessionHashIsTheApiKey() {
        Throwable failure = insert("other", "other@example.org", "0123456789abcdef0123456789abcdef");

        assertThat(dialect.violatedUniqueKey(failure)).contains(UniqueKey.API_KEY);
        assertThat(UniqueKey.API_KEY.asResult()).isInstanceOf(CreateResult.ApiKeyTaken.class);
    }

    @Test
    void otherFailuresAreNoUniqueKey() {
        Throwable notNull = catchThrowable(() -> PlainSql.update(file, "INSERT INTO users (username) VALUES ('x')"));

        assertThat(notNull).isNotNull();
        assertThat(dialect.violatedUniqueKey(notNull)).isEmpty();
        assertThat(dialect.violatedUniqueKey(new IllegalStateException("nothing to do with SQL"))).isEmpty();
    }
}
