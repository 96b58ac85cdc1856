package org.openml.auth.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openml.auth.core.error.RateLimitedException;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.RateLimits;
import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.core.usecase.RateLimitPolicy;
import org.openml.auth.core.usecase.RateLimitPolicy.Limit;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/**
 * What the rate limits cost a request. {@code validApiKeyCheck}: the only limit work a valid API
 * key pays ({@code checkApiKeyClient}, node memory), with nobody blocked and with 1,000 blocked
 * clients; {@code countedRequest}: one counted request within its limit (a shared-counter upsert);
 * {@code refusedFromMemory}: a request from a client already over its limit (no store I/O).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RateLimitBenchmark {
    @Param({"memory", "sqlite"})
    public String store;

    @Param({"0", "1000"})
    public int blockedClients;

    private RateLimits limits;
    private JdbcStores jdbc;
    private Path dir;
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        AuthStores stores;
        if (store.equals("sqlite")) {
            dir = Files.createTempDirectory("rate-limit-bench");
            jdbc = JdbcStores.sqlite(dir.resolve("auth.db"));
            stores = jdbc;
        } else {
            stores = InMemoryStores.create();
        }
        Limit plenty = new Limit(1_000_000_000, Duration.ofHours(1));
        Limit one = new Limit(1, Duration.ofHours(1));
        RateLimitPolicy policy = RateLimitPolicy.DEFAULTS.withLimits(plenty, plenty, plenty, one, plenty, plenty, one);
        limits = AuthServices.builder().stores(stores)
                .passwordHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of()))
                .mailer(new RecordingMailer()).publicUrl(URI.create("http://localhost"))
                .sessionSecret("bench-secret-0123456789abcdef0123456789").rateLimits(policy).build().rateLimits();
        for (int i = 0; i < blockedClients; i++) block("10.0." + (i / 256) + "." + (i % 256));
        block("203.0.113.66");
    }

    private void block(String client) {
        limits.apiKeyFailed(client);
        try {
            limits.apiKeyFailed(client);
        } catch (RateLimitedException expected) {
            // now blocked on this node
        }
        try {
            limits.admit(RateLimits.Action.ACCOUNT_MAIL, client);
            limits.admit(RateLimits.Action.ACCOUNT_MAIL, client);
        } catch (RateLimitedException expected) {
            // now blocked on this node
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (jdbc != null) jdbc.close();
        BenchFiles.deleteTree(dir);
    }

    @Benchmark
    public void validApiKeyCheck() {
        limits.checkApiKeyClient("198.51.100.7");
    }

    @Benchmark
    public void countedRequest() {
        // A new client now and then keeps rows few, as real traffic from many addresses does.
        limits.admit(RateLimits.Action.SIGN_IN, "198.51.100." + (next++ % 200));
    }

    @Benchmark
    public boolean refusedFromMemory() {
        try {
            limits.admit(RateLimits.Action.ACCOUNT_MAIL, "203.0.113.66");
            return false;
        } catch (RateLimitedException refused) {
            return true;
        }
    }
}
