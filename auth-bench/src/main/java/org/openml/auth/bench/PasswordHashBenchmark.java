package org.openml.auth.bench;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.password.Argon2Parameters;
import org.openml.auth.core.password.Argon2PasswordHasher;

/**
 * Argon2i at OpenML's cost (m=16384, t=4, p=2): {@link Argon2PasswordHasher} against the raw
 * argon2-jvm call it wraps (the floor). Run with {@code -t 2} for the all-cores throughput that
 * the sign-in target compares against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PasswordHashBenchmark {
    private static final Argon2Parameters P = Argon2Parameters.OPENML;
    private static final String PASSWORD = "correct horse battery staple";

    private Argon2 raw;
    private Argon2PasswordHasher hasher;
    private String encoded;
    private RawPassword password;
    private PasswordHash hash;

    @Setup
    public void setUp() {
        raw = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2i, P.saltBytes(), P.hashBytes());
        hasher = new Argon2PasswordHasher(P, List.of());
        password = new RawPassword(PASSWORD);
        hash = hasher.hash(password);
        encoded = hash.encoded();
    }

    @Benchmark
    public String rawHash() {
        return raw.hash(P.iterations(), P.memoryKiB(), P.parallelism(), PASSWORD.toCharArray(), StandardCharsets.UTF_8);
    }

    @Benchmark
    public boolean rawVerify() {
        return raw.verify(encoded, PASSWORD.toCharArray(), StandardCharsets.UTF_8);
    }

    @Benchmark
    public PasswordHash hasherHash() {
        return hasher.hash(password);
    }

    @Benchmark
    public boolean hasherVerify() {
        return hasher.verify(password, hash);
    }
}
