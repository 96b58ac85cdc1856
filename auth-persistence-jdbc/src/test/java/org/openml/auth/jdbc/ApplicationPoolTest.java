package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.StoreUnavailableException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * {@link JdbcStores#create(DataSource)}: an application hands over its own pool, the stores share
 * it with the application's own tables, and closing the stores leaves it open.
 */
class ApplicationPoolTest {
    @TempDir
    Path dir;

    @Test
    void theStoresRunOnAnApplicationsSqlitePoolAndLeaveItOpen() throws Exception {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setBusyTimeout(10_000);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        sqlite.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            execute(pool, "CREATE TABLE datasets (id INTEGER PRIMARY KEY, uploader INTEGER NOT NULL)");

            JdbcStores stores = JdbcStores.create(pool);
            usesEveryKindOfStore(stores);
            assertThat(stores.toString()).isEqualTo("SQLite database " + dir.resolve("app.db"));
            stores.close();

            assertThat(pool.isClosed()).isFalse();
            assertThat(count(pool, "SELECT COUNT(*) FROM users")).isEqualTo(1);
            assertThat(count(pool, "SELECT COUNT(*) FROM datasets")).isZero();
            assertThatThrownBy(() -> stores.users().findById(new org.openml.auth.core.domain.UserId(1)))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("closed");
            assertThat(stores.isReady()).isFalse();
        }
    }

    @Test
    void theStoresRunOnAnApplicationsMariaDbPoolAndLeaveItOpen() throws Exception {
        try (ScratchMysqlDatabase db = ScratchMysqlDatabase.createWithLegacySchema()) {
            MysqlConnections connections = new MysqlConnections(db.config());
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(connections.jdbcUrl(true));
            config.setUsername(db.config().user());
            db.config().password().ifPresent(config::setPassword);
            Properties driver = connections.driverProperties();
            config.setDataSourceProperties(driver);
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            config.setMaximumPoolSize(3);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                JdbcStores stores = JdbcStores.create(pool);
                usesEveryKindOfStore(stores);
                assertThat(stores.toString()).startsWith("MySQL database " + db.name() + " on ")
                        .doesNotContain(db.config().password().orElse("no password"));
                assertThat(stores.schemaReport().orElseThrow().version()).isEqualTo(MysqlDialect.SCHEMA_VERSION);
                stores.close();

                assertThat(pool.isClosed()).isFalse();
                assertThat(count(pool, "SELECT COUNT(*) FROM users")).isEqualTo(1);
            }
        }
    }

    @Test
    void aDatabaseOtherThanSqliteOrMysqlIsRefusedWithItsName() {
        DataSource postgres = dataSourceReporting("PostgreSQL");

        assertThatThrownBy(() -> JdbcStores.create(postgres))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("PostgreSQL").hasMessageContaining("SQLite or MySQL/MariaDB");
    }

    private static void usesEveryKindOfStore(JdbcStores stores) {
        User user = Users.create(stores.users(), Users.numbered(1));
        OneTimeToken token = new OneTimeToken("ab".repeat(32));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        stores.confirmationTokens().issue(user.id(), token.hash(), now, now.plus(Duration.ofHours(24)));
        assertThat(stores.confirmationTokens().find(token.hash())).isPresent();
        stores.sessionRevocations().revokeBefore(user.id(), now);
        assertThat(stores.sessionRevocations().validAfter(user.id())).contains(now);
        assertThat(stores.apiKeys().findPrincipal(Users.numbered(1).apiKey())).isPresent();
        assertThat(stores.isReady()).isTrue();
    }

    private static void execute(DataSource pool, String sql) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(DataSource pool, String sql) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static DataSource dataSourceReporting(String product) {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> switch (m.getName()) {
                    case "getDatabaseProductName" -> product;
                    case "getURL" -> "jdbc:postgresql://db/openml?user=u&password=secret";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Connection connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMetaData" -> meta;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getConnection" -> connection;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
