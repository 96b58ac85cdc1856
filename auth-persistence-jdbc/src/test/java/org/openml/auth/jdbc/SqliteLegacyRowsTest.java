package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.StoreUnavailableException;

/** The rows as OpenML's other programs see them: placeholders written, legacy values read. */
class SqliteLegacyRowsTest {
    @TempDir
    Path dir;
    private Path file;
    private JdbcStores stores;

    @BeforeEach
    void open() {
        file = dir.resolve("auth.db");
        stores = JdbcStores.sqlite(file);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void newRowHoldsThePlaceholdersOpenMlsNextJsAppWrites() throws SQLException {
        User user = Users.create(stores.users(), Users.numbered(7));

        Map<String, Object> row = PlainSql.row(file, "SELECT * FROM users WHERE id = ?", user.id().value());

        assertThat(row).contains(
                entry("ip_address", "192.0.2.1"),
                entry("username", "user7"),
                entry("email", "User7@Example.org"),
                entry("password", Users.HASH.encoded()),
                entry("first_name", "First7"),
                entry("last_name", "Last7"),
                entry("created_on", (int) Users.CREATED_AT.getEpochSecond()),
                entry("last_login", 0),
                entry("active", 0),
                entry("company", "0000"),
                entry("phone", "0000"),
                entry("country", "0000"),
                entry("image", "0000"),
                entry("bio", "No Bio"),
                entry("core", "false"),
                entry("external_source", "0000"),
                entry("external_id", "0000"),
                entry("forgotten_password_code", "0000"),
                entry("remember_code", "0000"),
                entry("session_hash", user.apiKey().orElseThrow().value()),
                entry("session_hash_date", "2024-05-06 07:08:09"),
                entry("gamification_visibility", "show"));
        // NULL where the legacy column is an integer, or UNIQUE (a shared "0000" would collide), or a secret.
        assertThat(row).containsEntry("forgotten_password_time", null)
                .containsEntry("activation_selector", null)
                .containsEntry("forgotten_password_selector", null)
                .containsEntry("remember_selector", null)
                .containsEntry("activation_code", null);
    }

    @Test
    void newUserIsInTheMembersGroup() throws SQLException {
        User user = Users.create(stores.users(), Users.numbered(1));

        assertThat(PlainSql.count(file, "SELECT COUNT(*) FROM users_groups WHERE user_id = ? AND group_id = 2",
                user.id().value())).isEqualTo(1);
        assertThat(PlainSql.count(file, "SELECT COUNT(*) FROM users_groups")).isEqualTo(1);
    }

    @Test
    void activeAccountIsStoredAsOne() throws SQLException {
        User user = Users.create(stores.users(), Users.numbered(1));
        stores.users().activate(user.id());

        assertThat(PlainSql.row(file, "SELECT active FROM users WHERE id = ?", user.id().value())).containsEntry("active", 1);
    }

    @Test
    void signInIsRecordedInUnixSeconds() throws SQLException {
        User user = Users.create(stores.users(), Users.numbered(1));

        stores.users().recordSignIn(user.id(), Instant.parse("2025-01-02T03:04:05.678Z"));

        assertThat(PlainSql.row(file, "SELECT last_login FROM users WHERE id = ?", user.id().value()))
                .containsEntry("last_login", (int) Instant.parse("2025-01-02T03:04:05Z").getEpochSecond());
    }

    @Test
    void legacyActivationClearsCodeAndSelector() throws SQLException {
        User user = Users.create(stores.users(), Users.numbered(1));
        PlainSql.update(file, "UPDATE users SET activation_code = ?, activation_selector = ? WHERE id = ?",
                "0123456789abcdef0123", "sel-1", user.id().value());

        assertThat(stores.users().activateByLegacyActivationCode("0123456789abcdef0123")).contains(user.id());

        assertThat(PlainSql.row(file, "SELECT active, activation_code, activation_selector FROM users WHERE id = ?",
                user.id().value())).containsEntry("active", 1).containsEntry("activation_code", null)
                .containsEntry("activation_selector", null);
    }

    @Test
    void tokensAreStoredAsHashesWithEpochMilliseconds() throws SQLException {
        User user = Users.create(stores.users(), Users.numbered(1));
        OneTimeToken token = new OneTimeToken("c".repeat(64));
        TokenHash hash = token.hash();
        Instant created = Instant.parse("2025-03-04T05:06:07.891Z");

        stores.resetTokens().issue(user.id(), hash, created, created.plusSeconds(3600));
        stores.resetTokens().markUsed(hash, created.plusMillis(1500));
        stores.confirmationTokens().issue(user.id(), hash, created, created.plusSeconds(60));

        Map<String, Object> reset = PlainSql.row(file, "SELECT * FROM password_reset_token");
        assertThat(reset).containsEntry("token", hash.hex())
                .containsEntry("created_at", created.toEpochMilli())
                .containsEntry("expires_at", created.plusSeconds(3600).toEpochMilli())
                .containsEntry("used", 1)
                .containsEntry("used_at", created.plusMillis(1500).toEpochMilli());
        assertThat(reset.values()).doesNotContain(token.value());
        Map<String, Object> confirmation = PlainSql.row(file, "SELECT * FROM email_confirmation_token");
        assertThat(confirmation).containsEntry("token", hash.hex()).containsEntry("expires_at", created.plusSeconds(60).toEpochMilli());
    }

    private long insertLegacyRow(String username, String password, Object active, String sessionHash, String image)
            throws SQLException {
        PlainSql.update(file, """
                INSERT INTO users (ip_address, username, password, email, created_on, active, first_name, last_name,
                    company, country, image, bio, session_hash)
                VALUES ('10.0.0.1', ?, ?, ?, 1300000000, ?, NULL, NULL, '', '', ?, '', ?)""",
                username, password, username + "@legacy.example.org", active, image, sessionHash);
        return PlainSql.count(file, "SELECT id FROM users WHERE username = ?", username);
    }

    @Test
    void legacyPlaceholdersReadAsEmptyValues() throws SQLException {
        long id = insertLegacyRow("legacy1", "", null, "0000", "0000");

        User user = stores.users().findById(new UserId(id)).orElseThrow();

        assertThat(user.active()).as("active NULL").isFalse();
        assertThat(user.apiKey()).as("session_hash 0000").isEmpty();
        assertThat(user.image()).as("image 0000").isEmpty();
        assertThat(user.passwordHash()).as("no password").isEqualTo(UserRows.NO_PASSWORD);
        assertThat(user.firstName()).isEmpty();
        assertThat(user.lastName()).isEmpty();
        assertThat(user.createdAt()).isEqualTo(Instant.ofEpochSecond(1_300_000_000));
    }

    @Test
    void missingOrMalformedLegacyValuesReadAsEmpty() throws SQLException {
        long nullImage = insertLegacyRow("legacy1", "x", 1, null, null);
        long emptyImage = insertLegacyRow("legacy2", "x", 1, "0123456789ABCDEF0123456789ABCDEF", "");
        long shortKey = insertLegacyRow("legacy3", "x", 1, "0123456789abcdef", "  ");

        for (long id : new long[] {nullImage, emptyImage, shortKey}) {
            User user = stores.users().findById(new UserId(id)).orElseThrow();
            assertThat(user.image()).isEmpty();
            assertThat(user.apiKey()).isEmpty();
            assertThat(user.active()).isTrue();
        }
    }

    @Test
    void realLegacyValuesAreRead() throws SQLException {
        long id = insertLegacyRow("legacy1", "5f4dcc3b5aa765d61d8327deb882cf99", 1,
                "0123456789abcdef0123456789abcdef", "https://www.openml.org/img/u/1.png");

        User user = stores.users().findById(new UserId(id)).orElseThrow();

        assertThat(user.image()).contains("https://www.openml.org/img/u/1.png");
        assertThat(user.apiKey().map(k -> k.value())).contains("0123456789abcdef0123456789abcdef");
        assertThat(user.passwordHash().encoded()).isEqualTo("5f4dcc3b5aa765d61d8327deb882cf99");
    }

    @Test
    void unreadableRowFailsAsStoreUnavailableWithoutItsValues() throws SQLException {
        long id = insertLegacyRow("legacy1", "x", 1, null, null);
        PlainSql.update(file, "UPDATE users SET email = 'not an address' WHERE id = ?", id);

        assertThatThrownBy(() -> stores.users().findById(new UserId(id)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("users row " + id)
                .hasMessageNotContaining("not an address");
    }
}
