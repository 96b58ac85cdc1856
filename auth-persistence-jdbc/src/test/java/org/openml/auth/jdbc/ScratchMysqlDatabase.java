package org.openml.auth.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A uniquely named database on the test MySQL/MariaDB server ({@code openml_auth_test_<random>}),
 * filled with OpenML's legacy schema, dropped by {@link #close()}. One per test class.
 *
 * <p>The server comes from {@code AUTH_TEST_MYSQL_HOST} / {@code _PORT} / {@code _USER} /
 * {@code _PASSWORD} (default {@code root@127.0.0.1:3306}, no password). When it cannot be reached,
 * every test that uses the database is skipped with the reason (so the build's summary shows them
 * as skipped), except under {@code CI=true}, where creating the database fails: CI must not pass
 * without having run them.
 */
public final class ScratchMysqlDatabase implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MysqlConfig config;
    /** Why there is no database (no server); null when there is one. */
    private final String unavailable;

    private ScratchMysqlDatabase(MysqlConfig config, String unavailable) {
        this.config = config;
        this.unavailable = unavailable;
    }

    /** The test server's settings, with {@code database} as the database. */
    public static MysqlConfig serverConfig(String database) {
        String password = env("AUTH_TEST_MYSQL_PASSWORD", "");
        return MysqlConfig.builder(env("AUTH_TEST_MYSQL_HOST", "127.0.0.1"), database)
                .port(Integer.parseInt(env("AUTH_TEST_MYSQL_PORT", "3306")))
                .credentials(env("AUTH_TEST_MYSQL_USER", "root"), password.isEmpty() ? null : password)
                .sslMode(MysqlConfig.SslMode.DISABLED)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A new, empty database (no tables) on the test server; skips or fails when there is no server. */
    public static ScratchMysqlDatabase createEmpty() {
        String name = "openml_auth_test_" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        MysqlConfig config = serverConfig(name);
        String unavailable = unreachable(config);
        ScratchMysqlDatabase db = new ScratchMysqlDatabase(config, unavailable);
        if (unavailable != null) return db;
        db.onServer("CREATE DATABASE `" + name + "` DEFAULT CHARACTER SET latin1 COLLATE latin1_swedish_ci");
        return db;
    }

    /** A new database holding OpenML's legacy tables (and its three groups), but none of this server's yet. */
    public static ScratchMysqlDatabase createWithLegacySchema() {
        ScratchMysqlDatabase db = createEmpty();
        if (db.unavailable != null) return db;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : SqlScript.load(MysqlDialect.LEGACY_SCRIPT)) s.execute(sql);
            for (String sql : SqlScript.load(MysqlDialect.LEGACY_GROUPS_SCRIPT)) s.execute(sql);
        } catch (SQLException e) {
            db.close();
            throw new IllegalStateException("cannot load the legacy schema into " + db.name(), e);
        }
        return db;
    }

    /**
     * One database with the legacy schema for a whole test class, as a JUnit extension:
     *
     * <pre>{@code
     * @RegisterExtension
     * static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();
     * ... JdbcStores stores = mysql.freshStores();   // empty accounts, closed after the test
     * }</pre>
     */
    public static PerClass perClassWithLegacySchema() {
        return new PerClass(db -> {});
    }

    /** As {@link #perClassWithLegacySchema()}, then {@code setUp} on the new database (e.g. the Next.js app's tables). */
    public static PerClass perClassWithLegacySchema(java.util.function.Consumer<ScratchMysqlDatabase> setUp) {
        return new PerClass(setUp);
    }

    /** Creates the database before the class's tests and drops it after them; see {@link #perClassWithLegacySchema()}. */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
        private ScratchMysqlDatabase db;
        /** The class that made {@link #db}: @Nested classes inherit the extension and share its database. */
        private Class<?> owner;
        private final List<JdbcStores> opened = new ArrayList<>();
        private final java.util.function.Consumer<ScratchMysqlDatabase> setUp;

        private PerClass(java.util.function.Consumer<ScratchMysqlDatabase> setUp) {
            this.setUp = setUp;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            if (db != null) return;
            owner = context.getRequiredTestClass();
            db = createWithLegacySchema();
            if (db.unavailable == null) setUp.accept(db);
        }

        /** The class's database. */
        public ScratchMysqlDatabase db() {
            return db;
        }

        /** Stores on the class's database with every account deleted (as a new database); closed after the test. */
        public JdbcStores freshStores() {
            JdbcStores stores = JdbcStores.mysql(db.config());
            opened.add(stores);
            db.deleteAccounts();
            return stores;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            opened.forEach(JdbcStores::close);
            opened.clear();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (db != null && context.getRequiredTestClass() == owner) {
                db.close();
                db = null;
            }
        }
    }

    /** Drops the database {@code name} on the test server, if it exists (for databases a test made itself). */
    public static void drop(String name) {
        new ScratchMysqlDatabase(serverConfig(name), null).close();
    }

    /** Null when the test server answers; else why not (or a failure under CI=true). */
    private static String unreachable(MysqlConfig config) {
        try (Connection c = DriverManager.getConnection(new MysqlConnections(config).jdbcUrl(false), credentials(config))) {
            c.isValid(2);
            return null;
        } catch (SQLException e) {
            String message = "MySQL/MariaDB test server " + config.host() + ":" + config.port() + " is not reachable ("
                    + e.getMessage().replaceAll("\\s+", " ") + ").";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " CI=true: the MySQL tests must run, so this is a failure."
                        + " Start the server or set AUTH_TEST_MYSQL_HOST/PORT/USER/PASSWORD.");
            }
            System.err.println("\n!!!!! SKIPPING MySQL TESTS: " + message
                    + " Start it (e.g. `start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`)"
                    + " or set AUTH_TEST_MYSQL_HOST/PORT/USER/PASSWORD. Under CI=true this fails. !!!!!\n");
            return message + " Skipped locally; under CI=true this fails.";
        }
    }

    /** Skips the calling test (with the reason) when there is no test server. */
    private void requireServer() {
        if (unavailable != null) Assumptions.abort(unavailable);
    }

    public String name() {
        return config.database();
    }

    /** Settings for this database (pool of 10, 3 s connect timeout, no TLS). */
    public MysqlConfig config() {
        requireServer();
        return config;
    }

    /** A plain connection to this database, behind the stores' back; the caller closes it. */
    public Connection connect() throws SQLException {
        requireServer();
        return DriverManager.getConnection(new MysqlConnections(config).jdbcUrl(true), credentials(config));
    }

    private Connection connectToServer() throws SQLException {
        return DriverManager.getConnection(new MysqlConnections(config).jdbcUrl(false), credentials(config));
    }

    private static Properties credentials(MysqlConfig config) {
        Properties p = new MysqlConnections(config).driverProperties();
        p.setProperty("user", config.user());
        config.password().ifPresent(pw -> p.setProperty("password", pw));
        return p;
    }

    private void onServer(String sql) {
        try (Connection c = connectToServer(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on the test server", e);
        }
    }

    /** Deletes every row of the accounts and this server's tables (groups stay), as a fresh database. */
    public void deleteAccounts() {
        List<String> tables = strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
        for (String table : List.of("api_key_audit", "auth_challenge", "auth_attempt", "email_confirmation_token", "password_reset_token",
                "auth_email_confirmation_token", "auth_password_reset_token", "auth_passkey_detail",
                "mail_outbox", "unproven_email", "user_passkeys",
                "users_groups", "users", "login_attempts")) {
            if (tables.contains(table)) update("DELETE FROM " + table);
        }
    }

    public int update(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed in " + name(), e);
        }
    }

    public long count(String sql, Object... args) {
        List<Map<String, Object>> rows = rows(sql, args);
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql, Object... args) {
        return rows(sql, args).stream().map(r -> {
            Object v = r.values().iterator().next();
            return v == null ? null : v.toString();
        }).toList();
    }

    /** The only row, by column label, SQL NULL as Java null. */
    public Map<String, Object> row(String sql, Object... args) {
        List<Map<String, Object>> rows = rows(sql, args);
        if (rows.size() != 1) throw new AssertionError(rows.size() + " rows for " + sql);
        return rows.get(0);
    }

    public List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            try (ResultSet rs = s.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed in " + name(), e);
        }
    }

    /**
     * {@code SHOW CREATE TABLE} of every table, by name, without the {@code AUTO_INCREMENT=n}
     * table option: that is the next id (data), not structure.
     */
    public Map<String, String> structure() {
        Map<String, String> structure = new LinkedHashMap<>();
        for (String table : strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " ORDER BY TABLE_NAME")) {
            String create = (String) rows("SHOW CREATE TABLE `" + table + "`").get(0).get("Create Table");
            structure.put(table, create.replaceAll(" AUTO_INCREMENT=\\d+", ""));
        }
        return structure;
    }

    /** Drops the database (nothing to do without a server). */
    @Override
    public void close() {
        if (unavailable != null) return;
        onServer("DROP DATABASE IF EXISTS `" + name() + "`");
    }
}
