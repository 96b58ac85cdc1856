package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.StoreUnavailableException;

class SqliteSchemaTest {
    /** Copied from shared/fixtures/openml-legacy.sql, in its order. */
    private static final List<String> LEGACY_USER_COLUMNS = List.of("id", "ip_address", "username", "password", "email",
            "activation_selector", "activation_code", "forgotten_password_selector", "forgotten_password_code",
            "forgotten_password_time", "remember_selector", "remember_code", "created_on", "last_login", "active",
            "first_name", "last_name", "company", "phone", "country", "image", "bio", "core", "external_source",
            "external_id", "session_hash", "session_hash_date", "gamification_visibility");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("auth.db");
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) values.add(rs.getString(1));
        }
        return values;
    }

    @Test
    void firstStartCreatesTheSchemaAndRecordsItsVersion() throws SQLException {
        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            assertThat(stores.isReady()).isTrue();
        }
        try (Connection c = PlainSql.open(file())) {
            assertThat(strings(c, "PRAGMA user_version")).containsExactly("5");
            assertThat(strings(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
                    .containsExactlyInAnyOrder("users", "groups", "users_groups", "email_confirmation_token",
                            "password_reset_token", "api_key_audit", "auth_challenge", "auth_attempt", "user_passkeys", "audit_event", "session_revocation",
                            "unproven_email", "mail_outbox", "email_change_token", "user_session", "account_lock",
                            "auth_passkey_detail");
        }
    }

    /** Issue 16: accounts a passkey sign-up made before version 3 never proved their address. */
    @Test
    void aVersionTwoFileIsUpgradedAndItsPasskeyOnlyAccountsCountAsUnproven() throws SQLException {
        User passkeyOnly;
        User nextJsPasskey;
        User withPassword;
        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            passkeyOnly = Users.create(stores.users(), Users.numbered(1));
            nextJsPasskey = Users.create(stores.users(), Users.numbered(2));
            withPassword = Users.create(stores.users(), Users.numbered(3));
        }
        try (Connection c = PlainSql.open(file()); Statement s = c.createStatement()) {
            for (String table : List.of("unproven_email", "mail_outbox")) s.execute("DROP TABLE " + table);
            s.execute("UPDATE users SET active = 1");
            s.execute("UPDATE users SET password = 'passkey_no_password' WHERE id = " + passkeyOnly.id().value());
            s.execute("UPDATE users SET activation_code = 'passkey_activated' WHERE id = " + nextJsPasskey.id().value());
            s.execute("PRAGMA user_version = 2");
        }
        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            assertThat(stores.schemaReport().orElseThrow().action()).startsWith("upgraded from version 2");
            assertThat(stores.unprovenEmails().isUnproven(passkeyOnly.id())).isTrue();
            assertThat(stores.unprovenEmails().isUnproven(nextJsPasskey.id())).isTrue();
            assertThat(stores.unprovenEmails().isUnproven(withPassword.id())).isFalse();
            assertThat(stores.unprovenEmails().markProven(passkeyOnly.id())).isTrue();
        }
        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            assertThat(stores.unprovenEmails().isUnproven(passkeyOnly.id())).as("marked once, at the upgrade").isFalse();
        }
    }

    @Test
    void aVersionOneFileIsUpgradedWithItsDataKept() throws SQLException {
        User user;
        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            user = Users.create(stores.users(), Users.numbered(1));
        }
        // What a version-1 server left behind: none of the tables version 2 added.
        try (Connection c = PlainSql.open(file()); Statement s = c.createStatement()) {
            for (String table : List.of("auth_attempt", "audit_event", "session_revocation")) s.execute("DROP TABLE " + table);
            s.execute("PRAGMA user_version = 1");
        }
        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            assertThat(stores.schemaReport().orElseThrow().action()).startsWith("upgraded from version 1");
            assertThat(stores.users().findById(user.id())).contains(user);
            stores.sessionRevocations().revokeBefore(user.id(), java.time.Instant.ofEpochMilli(1_000));
        }
        try (Connection c = PlainSql.open(file())) {
            assertThat(strings(c, "PRAGMA user_version")).containsExactly("5");
            assertThat(strings(c, "SELECT name FROM sqlite_master WHERE type = 'table'"))
                    .contains("auth_attempt", "audit_event", "session_revocation");
        }
    }

    @Test
    void startingTwiceOnOneFileKeepsSchemaAndData() throws SQLException {
        User user;
        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            user = Users.create(stores.users(), Users.numbered(1));
        }
        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            assertThat(stores.users().findById(user.id())).contains(user);
        }
        assertThat(PlainSql.count(file(), "SELECT COUNT(*) FROM \"groups\"")).isEqualTo(3);
    }

    @Test
    void twoStoresOnOneFileSeeEachOthersWrites() {
        try (JdbcStores first = JdbcStores.sqlite(file()); JdbcStores second = JdbcStores.sqlite(file())) {
            User user = Users.create(first.users(), Users.numbered(1));

            assertThat(second.users().findByEmail(user.email())).contains(user);
        }
    }

    @Test
    void usersTableHasEveryLegacyColumn() throws SQLException {
        JdbcStores.sqlite(file()).close();

        try (Connection c = PlainSql.open(file())) {
            assertThat(strings(c, "SELECT name FROM pragma_table_info('users')")).containsExactlyElementsOf(LEGACY_USER_COLUMNS);
            assertThat(strings(c, "SELECT name FROM pragma_table_info('users_groups')")).containsExactly("id", "user_id", "group_id");
            assertThat(strings(c, "SELECT name FROM pragma_table_info('password_reset_token')"))
                    .containsExactly("id", "user_id", "token", "expires_at", "created_at", "used", "used_at");
            assertThat(strings(c, "SELECT name FROM pragma_table_info('email_confirmation_token')"))
                    .containsExactly("id", "user_id", "token", "expires_at", "created_at");
        }
    }

    @Test
    void groupsAreSeededLikeOpenMls() throws SQLException {
        JdbcStores.sqlite(file()).close();

        try (Connection c = PlainSql.open(file())) {
            assertThat(strings(c, "SELECT id || '|' || name || '|' || description FROM \"groups\" ORDER BY id"))
                    .containsExactly("1|admin|Administrator", "2|members|General User", "3|readonly|Read-only user");
        }
    }

    @Test
    void uniqueIndexesIgnoreCaseOnEmailAndUsername() throws SQLException {
        JdbcStores.sqlite(file()).close();

        try (Connection c = PlainSql.open(file())) {
            assertThat(strings(c, "SELECT name FROM pragma_index_list('users') WHERE \"unique\" = 1"))
                    .contains("users_email_unique", "users_username_unique", "users_session_hash_unique");
            assertThat(strings(c, "SELECT coll FROM pragma_index_xinfo('users_email_unique') WHERE key = 1"))
                    .containsExactly("NOCASE");
            assertThat(strings(c, "SELECT coll FROM pragma_index_xinfo('users_username_unique') WHERE key = 1"))
                    .containsExactly("NOCASE");
        }
    }

    @Test
    void databaseRunsInWalMode() throws SQLException {
        JdbcStores.sqlite(file()).close();

        try (Connection c = PlainSql.open(file())) {
            assertThat(strings(c, "PRAGMA journal_mode")).containsExactly("wal");
        }
    }

    @Test
    void deletingAUserDeletesItsMembershipAndTokens() throws SQLException {
        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            User user = Users.create(stores.users(), Users.numbered(1));
            Instant now = Instant.now();
            stores.confirmationTokens().issue(user.id(), new OneTimeToken("a".repeat(64)).hash(), now, now.plusSeconds(60));
            stores.resetTokens().issue(user.id(), new OneTimeToken("b".repeat(64)).hash(), now, now.plusSeconds(60));

            PlainSql.update(file(), "DELETE FROM users WHERE id = ?", user.id().value());
        }
        assertThat(PlainSql.count(file(), "SELECT COUNT(*) FROM users_groups")).isZero();
        assertThat(PlainSql.count(file(), "SELECT COUNT(*) FROM email_confirmation_token")).isZero();
        assertThat(PlainSql.count(file(), "SELECT COUNT(*) FROM password_reset_token")).isZero();
    }

    @Test
    void missingParentDirectoriesAreCreated() {
        Path nested = dir.resolve("a/b/c/auth.db");

        JdbcStores.sqlite(nested).close();

        assertThat(nested).exists();
    }

    @Test
    void schemaFromANewerServerIsRefused() throws SQLException {
        JdbcStores.sqlite(file()).close();
        PlainSql.update(file(), "PRAGMA user_version = 7");

        assertThatThrownBy(() -> JdbcStores.sqlite(file()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("schema version 7")
                .hasMessageContaining("upgrade the server");
    }

    @Test
    void usersTableMadeByAnotherProgramIsRefusedWithTheMissingColumns() throws SQLException {
        try (Connection c = PlainSql.open(file()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)");
            s.execute("PRAGMA user_version = 1");
        }

        assertThatThrownBy(() -> JdbcStores.sqlite(file()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("users.username")
                .hasMessageContaining("users.password");
    }

    /** Issue 18: SQLITE_PATH pointed at the Next.js app's own file, whose accounts all hold "0000" in each selector. */
    @Test
    void theNextJsAppsLocalFileIsUsedAsItIs() throws SQLException {
        NextjsFixture.createSqlite(file());
        for (int n = 1; n <= 3; n++) {
            PlainSql.update(file(), NextjsFixture.INSERT_USER, "user" + n, Users.HASH.encoded(), "user" + n + "@example.org",
                    "First" + n, "Last" + n, null);
        }

        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            User fourth = Users.create(stores.users(), Users.numbered(4));
            assertThat(stores.users().findByEmail(new org.openml.auth.core.domain.Email("user2@example.org"))).isPresent();
            assertThat(fourth.apiKey()).isPresent();
            assertThat(stores.apiKeys().findPrincipal(fourth.apiKey().orElseThrow())).isPresent();
            assertThat(stores.schemaReport().orElseThrow().findings()).contains("users: 28 of 28 legacy columns");
        }
        assertThat(PlainSql.count(file(), "SELECT COUNT(*) FROM users WHERE activation_selector = '0000'")).isEqualTo(3);
    }

    /** Issue 18: the seed's users table has session_hash but no session_hash_date; API keys work with the one column. */
    @Test
    void apiKeysWorkWithoutTheKeyDateColumn() throws SQLException {
        NextjsFixture.createSqlite(file());
        PlainSql.update(file(), "ALTER TABLE users DROP COLUMN session_hash_date");

        try (JdbcStores stores = JdbcStores.sqlite(file())) {
            User user = Users.create(stores.users(), Users.numbered(1));
            ApiKeyReplacement.replace(stores, user);
            assertThat(stores.schemaReport().orElseThrow().findings())
                    .contains("users: 27 of 28 legacy columns (missing: session_hash_date)");
            assertThat(stores.schemaReport().orElseThrow().warnings()).noneMatch(w -> w.startsWith("API keys are off"));
        }
    }

    @Test
    void aDirectoryWhereTheFileShouldBeIsRefused() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("not-a-file.db"));

        assertThatThrownBy(() -> JdbcStores.sqlite(directory))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(directory.toString());
    }

    @Test
    void scriptSplitterKeepsQuotedSemicolonsAndDropsComments() {
        assertThat(SqlScript.split("-- a comment; with 'quotes'\nSELECT 'a;b';\n\nSELECT \"x;\" -- trailing\n;"))
                .containsExactly("SELECT 'a;b'", "SELECT \"x;\"");
    }
}
