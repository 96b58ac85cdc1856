package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/** A database that is down, comes back, goes away mid-request, or has no free connection. */
class MysqlFailureTest {
    private static ScratchMysqlDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = ScratchMysqlDatabase.createWithLegacySchema();
        JdbcStores.mysql(db.config()).close();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) db.close();
    }

    @BeforeEach
    void empty() {
        db.deleteAccounts();
        db.update("DROP TRIGGER IF EXISTS slow_membership");
    }

    private static MysqlConfig through(TcpProxy proxy) {
        MysqlConfig c = db.config();
        return new MysqlConfig("127.0.0.1", proxy.port(), c.database(), c.user(), c.password(), c.poolSize(),
                Duration.ofSeconds(1), Duration.ofSeconds(5), c.sslMode(), Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void anUnreachableServerFailsAtOnceWithTheReason() throws Exception {
        try (TcpProxy nobody = TcpProxy.reserve("127.0.0.1", 1)) {
            long start = System.nanoTime();
            StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                    () -> JdbcStores.mysql(through(nobody)));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(e).hasMessageContaining("could not prepare the schema")
                    .hasMessageContaining("127.0.0.1:" + nobody.port())
                    .hasMessageContaining("Communications link failure");
        }
    }

    @Test
    void aServerStartedBeforeItsDatabaseWaitsAndBecomesReadyWhenTheDatabaseAnswers() throws Exception {
        try (TcpProxy database = TcpProxy.reserve("127.0.0.1", db.config().port());
                JdbcStores stores = JdbcStores.mysqlInBackground(through(database))) {
            assertThat(stores.isReady()).isFalse();
            assertThat(stores.schemaReport()).isEmpty();
            StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                    () -> stores.users().findById(new UserId(1)));
            assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
            assertThat(e).hasMessageContaining("not ready yet");

            database.start();

            await("the stores are ready", stores::isReady);
            assertThat(stores.schemaReport().map(SchemaReport::summary)).contains("found schema version 5");
            assertThat(stores.users().create(Users.numbered(1))).isInstanceOf(CreateResult.Created.class);
        }
    }

    @Test
    void aDatabaseLostMidSignUpLeavesNoHalfWrittenAccount() throws Exception {
        // The membership insert stalls, and the connection is killed meanwhile: the user row of the
        // same transaction must go too.
        db.update("CREATE TRIGGER slow_membership BEFORE INSERT ON users_groups FOR EACH ROW SET @stall = SLEEP(3)");
        try (JdbcStores stores = JdbcStores.mysql(db.config())) {
            CompletableFuture<CreateResult> signUp = CompletableFuture.supplyAsync(() -> stores.users().create(Users.numbered(1)));
            // The process list shows the trigger's statement while the insert runs it.
            String stalled = "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SET @stall%'";
            await("the membership insert runs", () -> !db.strings(stalled).isEmpty());
            for (String id : db.strings(stalled)) db.update("KILL CONNECTION " + id);

            assertThatThrownBy(() -> signUp.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("could not create a user");
            assertThat(db.count("SELECT COUNT(*) FROM users")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM users_groups")).isZero();

            db.update("DROP TRIGGER slow_membership");
            assertThat(stores.users().create(Users.numbered(1))).as("the pool recovers")
                    .isInstanceOf(CreateResult.Created.class);
        }
    }

    @Test
    void aDatabaseThatGoesAwayGives503sAndTheStoresRecoverWhenItIsBack() throws Exception {
        try (TcpProxy database = TcpProxy.reserve("127.0.0.1", db.config().port()).start();
                JdbcStores stores = JdbcStores.mysql(through(database))) {
            assertThat(stores.users().create(Users.numbered(1))).isInstanceOf(CreateResult.Created.class);

            database.stop();

            assertThatThrownBy(() -> stores.users().findById(new UserId(1))).isInstanceOf(StoreUnavailableException.class);
            assertThat(stores.isReady()).isFalse();

            database.start();
            await("the stores are ready again", stores::isReady);
            assertThat(stores.users().findByUsername(Users.numbered(1).username())).isPresent();
        }
    }

    @Test
    void aDeletionCutHalfwayThroughLeavesTheAccountAsItWas() throws Exception {
        try (TcpProxy database = TcpProxy.reserve("127.0.0.1", db.config().port()).start();
                JdbcStores stores = JdbcStores.mysql(through(database)); Connection admin = db.connect()) {
            org.openml.auth.core.domain.User user = Users.create(stores.users(), Users.numbered(7));
            java.time.Instant now = java.time.Instant.now();
            stores.resetTokens().issue(user.id(), new org.openml.auth.core.domain.OneTimeToken("ab".repeat(32)).hash(), now,
                    now.plusSeconds(3600));
            stores.unprovenEmails().markUnproven(user.id(), now);
            // Hold the account's row: the deletion removes its tokens and marks, then waits on the row itself.
            admin.setAutoCommit(false);
            try (Statement s = admin.createStatement()) {
                s.executeQuery("SELECT id FROM users WHERE id = " + user.id().value() + " FOR UPDATE").close();
            }
            CompletableFuture<Boolean> deleting = CompletableFuture.supplyAsync(() -> stores.accountRemoval().delete(user.id()));
            await("the deletion is halfway, waiting on the users row", () -> !db.strings("SELECT ID FROM information_schema.PROCESSLIST"
                    + " WHERE INFO LIKE 'DELETE FROM users WHERE%' AND DB = DATABASE()").isEmpty());

            database.stop();
            admin.rollback();

            assertThatThrownBy(() -> deleting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreUnavailableException.class);
            await("the cut transaction is gone", () -> db.strings("SELECT ID FROM information_schema.PROCESSLIST"
                    + " WHERE INFO LIKE 'DELETE FROM%' AND DB = DATABASE()").isEmpty());
            assertThat(db.count("SELECT COUNT(*) FROM users WHERE id = ?", user.id().value())).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM users_groups WHERE user_id = ?", user.id().value())).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM password_reset_token WHERE user_id = ?", user.id().value())).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM unproven_email WHERE user_id = ?", user.id().value())).isEqualTo(1);
        }
    }

    @Test
    void anExhaustedPoolAnswersWithinTheConnectTimeout() throws Exception {
        MysqlConfig c = db.config();
        MysqlConfig onePooled = new MysqlConfig(c.host(), c.port(), c.database(), c.user(), c.password(), 1,
                Duration.ofMillis(500), c.socketTimeout(), c.sslMode(), c.retryDelay(), c.maxRetryDelay());
        try (JdbcStores stores = JdbcStores.mysql(onePooled); Connection admin = db.connect()) {
            // Hold the sign-up lock elsewhere: a sign-up then waits on it, holding the pool's only connection.
            admin.setAutoCommit(false);
            try (Statement s = admin.createStatement()) {
                s.executeQuery("SELECT name FROM openml_auth_lock WHERE name = 'signup' FOR UPDATE").close();
            }
            CompletableFuture<CreateResult> waiting = CompletableFuture.supplyAsync(() -> stores.users().create(Users.numbered(1)));
            await("the sign-up waits for the lock", () -> !db.strings("SELECT ID FROM information_schema.PROCESSLIST"
                    + " WHERE INFO LIKE '%openml_auth_lock%FOR UPDATE%' AND DB = DATABASE() AND ID <> CONNECTION_ID()").isEmpty());

            long start = System.nanoTime();
            StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                    () -> stores.users().findById(new UserId(1)));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofSeconds(3));
            assertThat(e).hasMessageContaining("Connection is not available");
            admin.rollback();
            assertThat(waiting.get(20, TimeUnit.SECONDS)).isInstanceOf(CreateResult.Created.class);
        }
    }

    @Test
    void failureMessagesCarryNoValues() throws Exception {
        try (JdbcStores stores = JdbcStores.mysql(db.config())) {
            Users.create(stores.users(), Users.numbered(1));
            Exception duplicate = null;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO users (ip_address, username, password, email, created_on, company, country, bio,"
                        + " session_hash) VALUES ('x', 'other', 'x', 'other@example.org', 0, '', '', '',"
                        + " '" + Users.numbered(1).apiKey().value() + "')");
            } catch (Exception e) {
                duplicate = e;
            }
            MysqlDialect dialect = MysqlDialect.of(db.config());

            assertThat(duplicate).isNotNull().hasMessageContaining(Users.numbered(1).apiKey().value());
            assertThat(dialect.describe(duplicate)).contains("Duplicate entry '...' for key 'session_hash'")
                    .doesNotContain(Users.numbered(1).apiKey().value());
        }
    }
}
