package org.openml.auth.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
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
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.port.out.OneTimeTokenStore;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.testkit.InMemoryStores;

/**
 * Email-confirmation token issue and redeem (find + delete) through the store, as the use case
 * does it: a fresh 32-byte token, its SHA-256 hash stored, then looked up and deleted once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConfirmationTokenBenchmark {
    static final int ACCOUNTS = 1_000;

    @Param({"memory", "sqlite"})
    public String store;

    private OneTimeTokenStore tokens;
    private JdbcStores jdbc;
    private Path dir;
    private UserId[] users;
    private int next;
    private final SecureRandom random = new SecureRandom();

    @Setup
    public void setUp() throws Exception {
        UserStore userStore;
        if (store.equals("sqlite")) {
            dir = Files.createTempDirectory("bench");
            jdbc = JdbcStores.sqlite(dir.resolve("bench.db"));
            userStore = jdbc.users();
            tokens = jdbc.confirmationTokens();
        } else {
            InMemoryStores memory = InMemoryStores.create();
            userStore = memory.users();
            tokens = memory.confirmationTokens();
        }
        users = new UserId[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            UserStore.CreateResult created = userStore.create(new NewUser(new Username("user" + i),
                    new Email("user" + i + "@example.org"), "F", "L", new PasswordHash("!"), false,
                    new ApiKey(String.format("%032x", 0xA000_0000L + i)), "127.0.0.1", Instant.now()));
            users[i] = ((UserStore.CreateResult.Created) created).user().id();
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        if (jdbc != null) jdbc.close();
        BenchFiles.deleteTree(dir);
    }

    private OneTimeToken.TokenHash fresh() {
        byte[] bytes = new byte[OneTimeToken.BYTES];
        random.nextBytes(bytes);
        return OneTimeToken.fromRandomBytes(bytes).hash();
    }

    @Benchmark
    public OneTimeToken.TokenHash issue() {
        OneTimeToken.TokenHash hash = fresh();
        Instant now = Instant.now();
        tokens.issue(users[next++ % ACCOUNTS], hash, now, now.plus(Duration.ofHours(24)));
        return hash;
    }

    @Benchmark
    public boolean issueAndRedeem() {
        OneTimeToken.TokenHash hash = fresh();
        Instant now = Instant.now();
        tokens.issue(users[next++ % ACCOUNTS], hash, now, now.plus(Duration.ofHours(24)));
        Optional<OneTimeTokenStore.StoredToken> found = tokens.find(hash);
        return found.isPresent() && tokens.delete(hash);
    }
}
