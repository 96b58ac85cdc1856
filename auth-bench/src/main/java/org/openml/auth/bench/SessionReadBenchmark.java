package org.openml.auth.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.password.Argon2Parameters;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.SessionRevocationStore;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.RecordingMailer;

/**
 * The cost of the revocation check on a session read: {@code Sessions.read} (decrypt + the cut-off
 * lookup) with a store that answers at once without I/O ({@code none}: what a read cost before
 * revocation), the in-memory store, and SQLite with and without a row for the user.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SessionReadBenchmark {
    private static final String SECRET = "bench-secret-0123456789abcdef0123456789";

    /**
     * The cut-off's store; {@code sqlite-devices} is the whole SQLite wiring (as the server runs):
     * the cut-off and the session's record read in one statement, with the client noted.
     */
    @Param({"none", "memory", "sqlite-no-row", "sqlite-row", "sqlite-devices"})
    public String store;

    private JdbcStores jdbc;
    private Path dir;
    private Sessions sessions;
    private String token;
    /** Set for {@code sqlite-devices}: reads note the client, as the HTTP adapter's do. */
    private Sessions.SeenFrom seen;

    @Setup
    public void setUp() throws Exception {
        InMemoryStores memory = InMemoryStores.create();
        SessionRevocationStore revocations;
        switch (store) {
            case "none" -> revocations = new SessionRevocationStore() {
                @Override
                public Optional<Instant> validAfter(UserId user) {
                    return Optional.empty();
                }

                @Override
                public void revokeBefore(UserId user, Instant cutoff) {}
            };
            case "memory" -> revocations = memory.sessionRevocations();
            default -> {
                dir = Files.createTempDirectory("bench");
                jdbc = JdbcStores.sqlite(dir.resolve("bench.db"));
                revocations = jdbc.sessionRevocations();
            }
        }
        AuthServices.Builder builder = store.equals("sqlite-devices") ? AuthServices.builder().stores(jdbc)
                : AuthServices.builder().stores(memory).sessionRevocations(revocations);
        sessions = builder
                .passwordHasher(new Argon2PasswordHasher(Argon2Parameters.OPENML, List.of())).mailer(new RecordingMailer())
                .clock(Clock.systemUTC()).publicUrl(URI.create("http://localhost")).sessionSecret(SECRET).build().sessions();
        User user = new User(new UserId(42), new Username("user42"), new Email("user42@example.org"), "First", "Last",
                new PasswordHash("!"), true, Optional.of(new ApiKey("0123456789abcdef0123456789abcdef")), Optional.empty(),
                Instant.now());
        if (store.equals("sqlite-devices")) {
            // A real account: the session's record refers to it.
            user = ((org.openml.auth.core.port.out.UserStore.CreateResult.Created) jdbc.users().create(new org.openml.auth.core.domain.NewUser(
                    user.username(), user.email(), "First", "Last", user.passwordHash(), true, user.apiKey().orElseThrow(),
                    "127.0.0.1", Instant.now()))).user();
            seen = new Sessions.SeenFrom("127.0.0.1", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        }
        if (!store.equals("sqlite-no-row")) revocations.revokeBefore(user.id(), Instant.now().minusSeconds(60));
        token = sessions.issue(user).token();
        if (read().isEmpty()) throw new IllegalStateException("the benchmark session must be valid");
    }

    @TearDown
    public void tearDown() throws Exception {
        if (jdbc != null) jdbc.close();
        BenchFiles.deleteTree(dir);
    }

    @Benchmark
    public Optional<Session> read() {
        return seen == null ? sessions.read(token) : sessions.read(token, seen);
    }
}
