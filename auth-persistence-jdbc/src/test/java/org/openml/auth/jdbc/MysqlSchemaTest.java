package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.StoreUnavailableException;

/** Schema handling on OpenML's legacy MySQL database: what is created, found, refused, and never touched. */
class MysqlSchemaTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    }

    private ScratchMysqlDatabase legacy() {
        ScratchMysqlDatabase db = ScratchMysqlDatabase.createWithLegacySchema();
        toClose.add(db);
        return db;
    }

    private JdbcStores open(ScratchMysqlDatabase db) {
        JdbcStores stores = JdbcStores.mysql(db.config());
        toClose.add(stores);
        return stores;
    }

    @Test
    void anIndexOnUsersGroupsUserIdSilencesTheWarning() {
        ScratchMysqlDatabase db = legacy();
        db.update("CREATE INDEX users_groups_user_id ON users_groups (user_id)");

        assertThat(open(db).schemaReport().orElseThrow().warnings()).isEmpty();
    }

    @Test
    void firstStartCreatesOnlyThisServersTablesAndRecordsTheVersion() {
        ScratchMysqlDatabase db = legacy();
        Map<String, String> before = db.structure();

        SchemaReport report = open(db).schemaReport().orElseThrow();

        assertThat(report.summary()).isEqualTo("created schema version 5");
        // OpenML's dump as it is: the one thing worth saying is the missing index on users_groups.user_id.
        assertThat(report.warnings()).singleElement().asString().contains("users_groups has no index on user_id")
                .contains("CREATE INDEX users_groups_user_id ON users_groups (user_id)");
        Map<String, String> after = db.structure();
        assertThat(after.keySet()).containsAll(before.keySet())
                .contains("email_confirmation_token", "password_reset_token", "api_key_audit", "auth_challenge", "auth_attempt", "openml_auth_schema",
                        "openml_auth_lock");
        before.forEach((table, create) -> assertThat(after.get(table)).as(table).isEqualTo(create));
        assertThat(db.strings("SELECT version FROM openml_auth_schema")).containsExactly("5");
    }

    @Test
    void ownedTablesFollowUsersIdTypeAndCascadeDeletes() {
        ScratchMysqlDatabase db = legacy();
        JdbcStores stores = open(db);

        assertThat(db.strings("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND COLUMN_NAME = 'user_id' AND TABLE_NAME IN ('email_confirmation_token', 'password_reset_token',"
                + " 'api_key_audit')")).hasSize(3).allMatch(type -> type.startsWith("mediumint") && type.endsWith("unsigned"));
        User user = Users.create(stores.users(), Users.numbered(1));
        Instant now = Instant.now();
        stores.confirmationTokens().issue(user.id(), new OneTimeToken("a".repeat(64)).hash(), now, now.plusSeconds(60));
        stores.resetTokens().issue(user.id(), new OneTimeToken("b".repeat(64)).hash(), now, now.plusSeconds(60));

        db.update("DELETE FROM users WHERE id = ?", user.id().value());

        assertThat(db.count("SELECT COUNT(*) FROM email_confirmation_token")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM password_reset_token")).isZero();
    }

    @Test
    void startingAgainFindsTheSchemaAndKeepsTheData() {
        ScratchMysqlDatabase db = legacy();
        User user;
        try (JdbcStores first = JdbcStores.mysql(db.config())) {
            user = Users.create(first.users(), Users.numbered(1));
        }
        JdbcStores second = open(db);

        assertThat(second.schemaReport().orElseThrow().summary()).isEqualTo("found schema version 5");
        assertThat(second.users().findById(user.id())).contains(user);
    }

    @Test
    void serversStartingAtOnceAllSucceedAndCreateTheSchemaOnce() throws Exception {
        ScratchMysqlDatabase db = legacy();
        MysqlConfig config = db.config();
        int nodes = 6;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<JdbcStores>> started = new ArrayList<>();
            for (int i = 0; i < nodes; i++) started.add(pool.submit((Callable<JdbcStores>) () -> JdbcStores.mysql(config)));
            List<String> actions = new ArrayList<>();
            for (Future<JdbcStores> f : started) {
                JdbcStores stores = f.get(60, TimeUnit.SECONDS);
                toClose.add(stores);
                actions.add(stores.schemaReport().orElseThrow().action());
            }
            assertThat(actions).containsOnlyOnce("created").filteredOn("found"::equals).hasSize(nodes - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.count("SELECT COUNT(*) FROM openml_auth_schema")).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM openml_auth_lock")).isEqualTo(1);
    }

    @Test
    void aDroppedOwnedTableIsCreatedAgain() {
        ScratchMysqlDatabase db = legacy();
        open(db).close();
        db.update("DROP TABLE api_key_audit");

        assertThat(open(db).schemaReport().orElseThrow().action()).isEqualTo("repaired");
        assertThat(db.structure()).containsKey("api_key_audit");
    }

    @Test
    void schemaFromANewerServerIsRefused() {
        ScratchMysqlDatabase db = legacy();
        open(db).close();
        db.update("INSERT INTO openml_auth_schema (version, applied_at, description) VALUES (7, 0, 'future')");

        assertThatThrownBy(() -> JdbcStores.mysql(db.config()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("schema version 7")
                .hasMessageContaining("upgrade the server");
        assertThat(JdbcSchemaTools.inspectMysql(db.config()).problems()).singleElement().asString()
                .contains("schema version 7").contains("upgrade the server");
    }

    @Test
    void aDatabaseWithoutOpenMlsTablesIsRefusedWithWhatToDo() {
        ScratchMysqlDatabase db = ScratchMysqlDatabase.createEmpty();
        toClose.add(db);
        MysqlConfig config = db.config();

        assertThatThrownBy(() -> JdbcStores.mysql(config))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("no users, groups, users_groups tables")
                .hasMessageContaining("MYSQL_DATABASE")
                .hasMessageContaining("init-db --legacy");
        assertThat(db.structure()).as("nothing created").isEmpty();
    }

    @Test
    void missingOptionalColumnsSwitchOffTheirFeaturesLoudlyAndSignUpStillWorks() {
        ScratchMysqlDatabase db = legacy();
        db.update("ALTER TABLE users DROP INDEX session_hash, DROP COLUMN session_hash, DROP COLUMN last_login,"
                + " DROP COLUMN activation_code, DROP COLUMN company, DROP COLUMN bio");
        JdbcStores stores = open(db);

        SchemaReport report = stores.schemaReport().orElseThrow();
        assertThat(report.warnings())
                .anyMatch(w -> w.startsWith("API keys are off: users.session_hash is missing"))
                .anyMatch(w -> w.contains("users.activation_code is missing"))
                .anyMatch(w -> w.contains("sign-ins are not recorded"));
        assertThat(report.findings()).anyMatch(f -> f.contains("missing: activation_code, last_login, company, bio, session_hash"));

        User user = Users.create(stores.users(), Users.numbered(1));
        assertThat(user.apiKey()).isEmpty();
        stores.users().recordSignIn(user.id(), Instant.now());
        assertThat(stores.users().findById(user.id())).contains(user);
        StoreUnavailableException keys = catchThrowableOfType(StoreUnavailableException.class,
                () -> stores.apiKeys().findPrincipal(new ApiKey("0".repeat(32))));
        assertThat(keys).hasMessageContaining("users.session_hash").hasMessageContaining("API keys cannot work");
        assertThatThrownBy(() -> stores.users().activateByLegacyActivationCode("0123456789abcdef0123"))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("users.activation_code");
    }

    @Test
    void anUnknownRequiredColumnIsRefusedBeforeAnySignUpFails() {
        ScratchMysqlDatabase db = legacy();
        db.update("ALTER TABLE users ADD COLUMN orcid VARCHAR(19) NOT NULL");

        assertThatThrownBy(() -> JdbcStores.mysql(db.config()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("users.orcid is NOT NULL without a default");
    }

    @Test
    void aCaseSensitiveEmailColumnIsRefused() {
        ScratchMysqlDatabase db = legacy();
        db.update("ALTER TABLE users MODIFY email VARCHAR(254) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL");

        assertThatThrownBy(() -> JdbcStores.mysql(db.config()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("users.email uses the collation latin1_bin");
    }

    @Test
    void tablesMadeByTheNextJsAppAreAdoptedAndTheirStructureKept() {
        ScratchMysqlDatabase db = legacy();
        NextjsFixture.addTo(db);
        Map<String, String> before = db.structure();

        try (JdbcStores stores = JdbcStores.mysql(db.config())) {
            assertThat(stores.schemaReport().orElseThrow().findings())
                    .anyMatch(f -> f.startsWith("user_passkeys is the Next.js app's: 0 passkeys used in place"))
                    .anyMatch(f -> f.contains("auth_email_confirmation_token and auth_password_reset_token"));
        }

        Map<String, String> after = db.structure();
        before.forEach((table, create) -> assertThat(after.get(table)).as(table).isEqualTo(create));
        assertThat(after).containsKeys("auth_email_confirmation_token", "auth_password_reset_token", "auth_passkey_detail");
    }

    /** Issue 18: the seed's users table has session_hash but no session_hash_date; API keys work with the one column. */
    @Test
    void apiKeysWorkWithoutTheKeyDateColumn() {
        ScratchMysqlDatabase db = legacy();
        db.update("ALTER TABLE users DROP COLUMN session_hash_date");

        try (JdbcStores stores = JdbcStores.mysql(db.config())) {
            User user = Users.create(stores.users(), Users.numbered(1));
            ApiKeyReplacement.replace(stores, user);
            assertThat(stores.schemaReport().orElseThrow().warnings()).noneMatch(w -> w.startsWith("API keys are off"));
            assertThat(stores.schemaReport().orElseThrow().findings())
                    .anyMatch(f -> f.contains("(no session_hash_date: when a key was made is not kept)"));
        }
    }

    @Test
    void aTokenTableOfNoKnownShapeIsRefusedWithWhatToDo() {
        ScratchMysqlDatabase db = legacy();
        db.update("CREATE TABLE email_confirmation_token (id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL)");

        assertThatThrownBy(() -> JdbcStores.mysql(db.config()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("email_confirmation_token exists but not in this server's shape")
                .hasMessageContaining("token is missing")
                .hasMessageContaining("RENAME TABLE email_confirmation_token TO email_confirmation_token_old");
    }

    @Test
    void inspectionChangesNothing() {
        ScratchMysqlDatabase db = legacy();
        Map<String, String> before = db.structure();

        SchemaReport report = JdbcSchemaTools.inspectMysql(db.config());

        assertThat(report.version()).isZero();
        assertThat(report.action()).startsWith("not created yet");
        assertThat(report.usable()).isTrue();
        assertThat(report.findings()).anyMatch(f -> f.startsWith("users: InnoDB, 28 of 28 legacy columns"))
                .anyMatch(f -> f.equals("groups: 1 admin, 2 members, 3 readonly"));
        assertThat(db.structure()).isEqualTo(before);
    }

    @Test
    void legacyInitFillsANewDatabaseAndCreatesItWhenMissing() {
        open(legacy()).close(); // skips this test when there is no test server
        MysqlConfig config = ScratchMysqlDatabase.serverConfig(
                "openml_auth_test_new_" + Long.toHexString(System.nanoTime()));
        toClose.add(() -> ScratchMysqlDatabase.drop(config.database()));

        SchemaReport report = JdbcSchemaTools.createLegacyMysqlSchema(config);

        assertThat(report.summary()).isEqualTo("created schema version 5");
        assertThat(report.findings()).contains("groups: 1 admin, 2 members, 3 readonly");
        try (JdbcStores stores = JdbcStores.mysql(config)) {
            Users.create(stores.users(), Users.numbered(1));
        }
    }

    @Test
    void legacyInitRefusesADatabaseThatHoldsTables() {
        ScratchMysqlDatabase db = legacy();
        Map<String, String> before = db.structure();

        assertThatThrownBy(() -> JdbcSchemaTools.createLegacyMysqlSchema(db.config()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("users already exists")
                .hasMessageContaining("run `init-db` without --legacy");
        assertThat(db.structure()).isEqualTo(before);
    }

    @Test
    void theShippedLegacySchemaIsTheSharedFixtureWithoutItsDatabaseLines() throws IOException {
        Path fixture = Path.of("../../shared/fixtures/openml-legacy.sql");
        Assumptions.assumeTrue(Files.exists(fixture), "shared/fixtures is not beside this checkout");
        String shipped;
        try (var in = MysqlSchemaTest.class.getResourceAsStream(MysqlDialect.LEGACY_SCRIPT)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(SqlScript.split(shipped)).isEqualTo(SqlScript.split(Files.readString(fixture)).stream()
                .filter(s -> !s.startsWith("CREATE DATABASE") && !s.startsWith("USE ")).toList());
    }
}
