package org.openml.auth.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.session.CsrfTokens;
import org.openml.auth.core.session.NextAuthSessionCodec;

/** Session cookie encode/decode (NextAuth v4 JWE, dir + A256GCM) and the double-submit CSRF check. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SessionBenchmark {
    private static final String SECRET = "bench-secret-0123456789abcdef0123456789";

    private NextAuthSessionCodec codec;
    private Session session;
    private String token;
    private CsrfTokens csrf;
    private CsrfTokens.Issued issued;
    private Instant now;

    @Setup
    public void setUp() {
        codec = new NextAuthSessionCodec(SECRET, List.of("previous-secret-0123456789abcdef"));
        now = Instant.now();
        session = new Session(new UserId(42), "user42", "user42@example.org", "First Last", Optional.empty(),
                Optional.of("0123456789abcdef0123456789abcdef"), "First", "Last", true, now,
                now.plus(Duration.ofDays(30)), "jti-0123456789");
        token = codec.encode(session);
        SecureRandom random = new SecureRandom();
        csrf = new CsrfTokens(SECRET, n -> {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        });
        issued = csrf.issue();
    }

    @Benchmark
    public String encode() {
        return codec.encode(session);
    }

    @Benchmark
    public Optional<Session> decode() {
        return codec.decode(token, now);
    }

    @Benchmark
    public boolean csrfVerify() {
        return csrf.verify(issued.cookieValue(), issued.token());
    }

    @Benchmark
    public CsrfTokens.Issued csrfIssue() {
        return csrf.issue();
    }
}
