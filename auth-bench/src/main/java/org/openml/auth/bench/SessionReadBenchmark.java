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

    @Param({"none", "memory", "sqlite-no-row", "sqlite-row"})
    public String store;

    private JdbcStores jdbc;
    private Path dir;
    private Sessions sessions;
    private String token;

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
        sessions = AuthServices.builder().stores(memory).sessionRevocations(revocations)
                .passwordHasher(new Argon2PasswordHasher(Argon2Parameters.OPENML, List.of())).mailer(new RecordingMailer())
                .clock(Clock.systemUTC()).publicUrl(URI.create("http://localhost")).sessionSecret(SECRET).build().sessions();
        User user = new User(new UserId(42), new Username("user42"), new Email("user42@example.org"), "First", "Last",
                new PasswordHash("!"), true, Optional.of(new ApiKey("0123456789abcdef0123456789abcdef")), Optional.empty(),
                Instant.now());
        if (!store.equals("sqlite-no-row")) revocations.revokeBefore(user.id(), Instant.now().minusSeconds(60));
        token = sessions.issue(user).token();
        if (sessions.read(token).isEmpty()) throw new IllegalStateException("the benchmark session must be valid");
    }

    @TearDown
    public void tearDown() throws Exception {
        if (jdbc != null) jdbc.close();
        BenchFiles.deleteTree(dir);
    }

    @Benchmark
    public Optional<Session> read() {
        return sessions.read(token);
    }
}
