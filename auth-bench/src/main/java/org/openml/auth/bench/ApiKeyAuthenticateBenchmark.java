package org.openml.auth.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.port.in.ApiKeys;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.jdbc.JdbcSchemaTools;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.RecordingMailer;

/**
 * {@code ApiKeys.authenticate}: a known key (hit), an unknown well-formed key (miss, one look-up)
 * and a malformed key (refused before any look-up), on the in-memory and SQLite stores, with
 * 10,000 accounts in the store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApiKeyAuthenticateBenchmark {
    static final int ACCOUNTS = 10_000;

    /** {@code mariadb} needs a local MariaDB/MySQL (127.0.0.1:3306, root, empty password); it uses a scratch database. */
    @Param({"memory", "sqlite", "mariadb"})
    public String store;

    private ApiKeys apiKeys;
    private JdbcStores jdbc;
    private Path dir;
    private String[] hits;
    private String miss;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        UserStore users;
        org.openml.auth.core.port.out.AuthStores all;
        if (store.equals("mariadb")) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?user=root&password=");
                    java.sql.Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS openml_auth_bench");
                st.execute("CREATE DATABASE openml_auth_bench CHARACTER SET latin1");
            }
            org.openml.auth.jdbc.MysqlConfig config = org.openml.auth.jdbc.MysqlConfig.builder("127.0.0.1", "openml_auth_bench")
                    .port(3306).credentials("root", "").build();
            JdbcSchemaTools.createLegacyMysqlSchema(config);
            if (Boolean.getBoolean("bench.usersGroupsIndex")) {
                // What docs/operations.md suggests operators add: OpenML's dump has no index on users_groups.user_id.
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:mysql://127.0.0.1:3306/openml_auth_bench?user=root&password=");
                        java.sql.Statement st = c.createStatement()) {
                    st.execute("CREATE INDEX users_groups_user_id ON users_groups (user_id)");
                }
            }
            jdbc = JdbcStores.mysql(config);
            all = jdbc;
            users = jdbc.users();
        } else if (store.equals("sqlite")) {
            dir = Files.createTempDirectory("bench");
            jdbc = JdbcStores.sqlite(dir.resolve("bench.db"));
            all = jdbc;
            users = jdbc.users();
        } else {
            InMemoryStores memory = InMemoryStores.create();
            all = memory;
            users = memory.users();
        }
        hits = new String[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            ApiKey key = new ApiKey(String.format("%032x", 0xA000_0000L + i));
            users.create(new NewUser(new Username("user" + i), new Email("user" + i + "@example.org"), "F", "L",
                    new PasswordHash("!"), true, key, "127.0.0.1", java.time.Instant.now()));
            hits[i] = key.value();
        }
        miss = String.format("%032x", 0xB000_0000L);
        // Every store the core needs from the same backend (it refuses to start without one), as a server has them.
        apiKeys = AuthServices.builder().stores(all)
                .passwordHasher(new org.openml.auth.core.password.Argon2PasswordHasher(
                        org.openml.auth.core.password.Argon2Parameters.OPENML, java.util.List.of()))
                .mailer(new RecordingMailer()).clock(Clock.systemUTC()).publicUrl(URI.create("http://localhost"))
                .sessionSecret("bench-secret-0123456789abcdef0123456789")
                .rateLimits(org.openml.auth.core.usecase.RateLimitPolicy.OFF) // only authenticate() is measured here
                .build().apiKeys();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (jdbc != null) jdbc.close();
        if (store.equals("mariadb")) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?user=root&password=");
                    java.sql.Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS openml_auth_bench");
            }
        }
        BenchFiles.deleteTree(dir);
    }

    @Benchmark
    public Optional<Principal> hit() {
        next = (next + 7919) % ACCOUNTS;
        return apiKeys.authenticate(hits[next]);
    }

    @Benchmark
    public Optional<Principal> miss() {
        return apiKeys.authenticate(miss);
    }

    @Benchmark
    public Optional<Principal> malformed() {
        return apiKeys.authenticate("not-a-key");
    }
}
