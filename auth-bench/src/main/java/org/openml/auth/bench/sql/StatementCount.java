package org.openml.auth.bench.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.usecase.RateLimitPolicy;
import org.openml.auth.jdbc.JdbcSchemaTools;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.jdbc.MysqlConfig;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQL statements each route makes, counted by a wrapping {@link CountingDataSource} under the
 * real use cases, routes and JDBC stores (the server's wiring, in process), on SQLite and on
 * MariaDB ({@code 127.0.0.1:3306}, root, a scratch database it drops afterwards).
 *
 * <pre>java -cp auth-bench/target/benchmarks.jar org.openml.auth.bench.sql.StatementCount [requests per route]</pre>
 *
 * Prints one table row per route and database: reads and writes per request, averaged over the
 * requests (a session's first read records it; later reads write at most once a minute).
 */
public final class StatementCount {
    private StatementCount() {}

    record Row(String database, String route, double reads, double writes) {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        System.out.printf("%-8s %-34s %8s %8s%n", "database", "route (per request)", "reads", "writes");
        for (Row row : sqlite(n)) print(row);
        for (Row row : mariadb(n)) print(row);
    }

    private static void print(Row row) {
        System.out.printf("%-8s %-34s %8.2f %8.2f%n", row.database(), row.route(), row.reads(), row.writes());
    }

    static List<Row> sqlite(int n) throws Exception {
        Path dir = Files.createTempDirectory("statement-count");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("auth.db"));
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setMaximumPoolSize(4);
        try (HikariDataSource hikari = new HikariDataSource(pool)) {
            return run("SQLite", hikari, n);
        }
    }

    static List<Row> mariadb(int n) throws Exception {
        String name = "openml_auth_statements_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?sslMode=DISABLED", "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " DEFAULT CHARACTER SET latin1");
        } catch (SQLException e) {
            System.out.println("MariaDB   (not reachable at 127.0.0.1:3306: " + e.getMessage() + ")");
            return List.of();
        }
        try {
            MysqlConfig mysql = MysqlConfig.builder("127.0.0.1", name).credentials("root", null)
                    .sslMode(MysqlConfig.SslMode.DISABLED).build();
            JdbcSchemaTools.createLegacyMysqlSchema(mysql);
            HikariConfig pool = new HikariConfig();
            pool.setJdbcUrl("jdbc:mysql://127.0.0.1:3306/" + name + "?sslMode=DISABLED&connectionTimeZone=UTC"
                    + "&forceConnectionTimeZoneToSession=true&characterEncoding=UTF-8");
            pool.setUsername("root");
            pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            pool.setMaximumPoolSize(4);
            try (HikariDataSource hikari = new HikariDataSource(pool)) {
                return run("MariaDB", hikari, n);
            }
        } finally {
            try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?sslMode=DISABLED", "root", "");
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    static List<Row> run(String database, HikariDataSource pool, int n) throws Exception {
        CountingDataSource.Counts counts = new CountingDataSource.Counts();
        Map<String, double[]> rows = new LinkedHashMap<>();
        try (JdbcStores stores = JdbcStores.create(CountingDataSource.wrap(pool, counts));
                TestAuthServer server = TestAuthServer.start((memory, b) -> b.stores(stores).mailOutbox(stores.mailOutbox())
                        // The limits stay on (their counters are statements too), wide enough for one client address.
                        .rateLimits(RateLimitPolicy.DEFAULTS.withLimits(wide(), wide(), wide(), wide(), wide(), wide(), wide())))) {
            RecordingMailer mailer = server.mailer();
            String password = "correct horse battery staple";
            measure(rows, "POST /api/auth/register", counts, n, i -> {
                AuthHttpClient c = server.newClient();
                expect(c.postJson("/api/auth/register", Map.of("firstName", "Ada", "lastName", "L", "email", "u" + i + "@example.org",
                        "password", password)).status(), 201);
            });
            measure(rows, "GET /api/auth/confirm-email", counts, n, i -> {
                URI link = mailer.lastTo("u" + i + "@example.org", Mail.Confirmation.class).orElseThrow().link();
                expect(server.newClient().get("/api/auth/confirm-email?token=" + RecordingMailer.tokenOf(link)).status(), 200);
            });
            AuthHttpClient[] clients = new AuthHttpClient[n];
            measure(rows, "POST /api/auth/callback/credentials", counts, n, i -> {
                clients[i] = server.newClient();
                // signIn() first GETs /api/auth/csrf: measured alone below and taken out of these figures.
                expect(clients[i].signIn("u" + i + "@example.org", password).status(), 200);
            });
            measure(rows, "GET /api/auth/csrf", counts, n, i -> server.newClient().csrfToken());
            measure(rows, "GET /api/auth/session (first)", counts, n, i -> expect(clients[i].get("/api/auth/session").status(), 200));
            measure(rows, "GET /api/auth/session (later)", counts, n, i -> expect(clients[i].get("/api/auth/session").status(), 200));
            String[] keys = new String[n];
            for (int i = 0; i < n; i++) keys[i] = String.valueOf(clients[i].get("/api/user/api-key").json().get("apikey"));
            measure(rows, "GET /api/user/whoami (API key)", counts, n,
                    i -> expect(server.newClient().get("/api/user/whoami?api_key=" + keys[i]).status(), 200));
            measure(rows, "GET /api/user/api-key", counts, n, i -> expect(clients[i].get("/api/user/api-key").status(), 200));
        }
        // The csrf GET inside each sign-in is not the sign-in's: take it out.
        double[] signIn = rows.get("POST /api/auth/callback/credentials");
        double[] csrf = rows.get("GET /api/auth/csrf");
        signIn[0] -= csrf[0];
        signIn[1] -= csrf[1];
        return rows.entrySet().stream().map(e -> new Row(database, e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    private static RateLimitPolicy.Limit wide() {
        return RateLimitPolicy.Limit.parse("100000/PT1M");
    }

    interface Step {
        void run(int i) throws Exception;
    }

    private static void measure(Map<String, double[]> rows, String route, CountingDataSource.Counts counts, int n, Step step)
            throws Exception {
        settle();
        counts.reset();
        for (int i = 0; i < n; i++) step.run(i);
        settle(); // audit rows are written in the background: count them with the request that caused them
        rows.put(route, new double[] {counts.reads() / (double) n, counts.writes() / (double) n});
    }

    /** Lets the audit writer finish what the last requests queued. */
    private static void settle() throws InterruptedException {
        Thread.sleep(300);
    }

    private static void expect(int status, int wanted) {
        if (status != wanted) throw new IllegalStateException("answer " + status + ", expected " + wanted);
    }

}
