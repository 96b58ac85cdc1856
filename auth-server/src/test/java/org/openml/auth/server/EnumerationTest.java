package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.password.Argon2Parameters;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/**
 * Account enumeration against the running server, by message and by timing. The answers for an
 * unknown email, a wrong password and an unconfirmed account must be byte for byte the same; their
 * times must not be told apart by {@link TimingComparison} over interleaved samples. The same
 * probe run against a server whose sign-in skips the dummy hash must tell them apart, so a pass
 * here means something.
 */
class EnumerationTest {
    static final int ROUNDS = 30;
    static final int WARM_UP = 3;

    @TempDir
    static Path dir;
    static AttackTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = AttackTarget.start(dir);
        target.confirmedAccount("known@example.org");
        target.register("pending@example.org", AttackTarget.PASSWORD); // never confirmed
    }

    @AfterAll
    static void stop() {
        if (target != null) target.close();
    }

    static Map<String, String[]> logins() {
        Map<String, String[]> logins = new LinkedHashMap<>();
        logins.put("wrong password", new String[] {"known@example.org", "not the right password"});
        logins.put("unknown email", new String[] {"nobody@example.org", "not the right password"});
        logins.put("unknown username", new String[] {"nobody", "not the right password"});
        logins.put("unconfirmed, right password", new String[] {"pending@example.org", AttackTarget.PASSWORD});
        return logins;
    }

    @Test
    void failedSignInsLookAndTakeTheSameForUnknownWrongAndUnconfirmed() {
        Map<String, SignInTimingProbe.Samples> samples = SignInTimingProbe.sample(URI.create(target.base), logins(), ROUNDS, WARM_UP);

        Set<String> answers = new HashSet<>();
        samples.values().forEach(s -> s.answers().forEach(r -> answers.add(r.status() + " " + r.body() + " "
                + r.headerValues("Set-Cookie"))));
        assertThat(answers).as("one answer for all").hasSize(1);
        assertThat(answers.iterator().next()).startsWith("401 ");

        long[] baseline = samples.get("wrong password").nanos();
        for (Map.Entry<String, SignInTimingProbe.Samples> kind : samples.entrySet()) {
            if (kind.getKey().equals("wrong password")) continue;
            TimingComparison c = TimingComparison.of(kind.getValue().nanos(), baseline);
            System.out.printf("sign-in timing, %s vs wrong password: %s (medians %.1f ms vs %.1f ms)%n", kind.getKey(), c,
                    TimingComparison.median(kind.getValue().nanos()) / 1e6, TimingComparison.median(baseline) / 1e6);
            assertThat(c.distinguishable()).as(kind.getKey() + " vs wrong password: " + c).isFalse();
        }
    }

    @Test
    void forgotAndResendAnswerTheSameForUnknownUnconfirmedAndConfirmed() {
        AuthHttpClient attacker = target.browser();
        for (String route : List.of("/api/auth/forgot-password", "/api/auth/resend-confirmation")) {
            Set<String> answers = new HashSet<>();
            for (String email : List.of("known@example.org", "pending@example.org", "nobody@example.org", "KNOWN@example.org")) {
                Response r = attacker.postJson(route, Map.of("email", email));
                answers.add(r.status() + " " + r.body() + " " + r.headerValues("Set-Cookie"));
            }
            assertThat(answers).as(route).hasSize(1);
            assertThat(answers.iterator().next()).as(route).startsWith("200 ");
        }
    }

    /** The probe is able to fail: sign-in that does not hash for unknown users is caught. */
    @Test
    void theProbeCatchesASignInThatSkipsTheDummyHash() throws Exception {
        SkipsUnknownHashes hasher = new SkipsUnknownHashes(new Argon2PasswordHasher(Argon2Parameters.OPENML, List.of()));
        // Limits off: after five wrong passwords the sign-in pause would answer both kinds alike, fast.
        try (TestAuthServer leaky = TestAuthServer.start((stores, builder) -> builder.passwordHasher(hasher)
                .rateLimits(org.openml.auth.core.usecase.RateLimitPolicy.OFF))) {
            AuthHttpClient browser = leaky.newClient();
            assertThat(browser.postJson("/api/auth/register", Map.of("firstName", "Ada", "lastName", "L",
                    "email", "known@example.org", "password", AttackTarget.PASSWORD)).status()).isEqualTo(201);
            String token = RecordingMailer.tokenOf(leaky.mailer().last().orElseThrow().link());
            assertThat(browser.get("/api/auth/confirm-email?token=" + token).status()).isEqualTo(200);
            hasher.registering.set(false);

            Map<String, String[]> logins = new LinkedHashMap<>();
            logins.put("wrong password", new String[] {"known@example.org", "not the right password"});
            logins.put("unknown email", new String[] {"nobody@example.org", "not the right password"});
            Map<String, SignInTimingProbe.Samples> samples = SignInTimingProbe.sample(leaky.baseUrl(), logins, ROUNDS, WARM_UP);

            TimingComparison c = TimingComparison.of(samples.get("unknown email").nanos(), samples.get("wrong password").nanos());
            System.out.println("sign-in timing with the dummy hash skipped: " + c);
            assertThat(c.distinguishable()).as(c.toString()).isTrue();
            assertThat(c.medianRatio()).isLessThan(1 / TimingComparison.MAX_MEDIAN_RATIO);
        }
    }

    /**
     * The leak under test: verifies only hashes it made while accounts were being registered, and
     * answers "no match" at once for any other (the dummy hash), as a sign-in that skips hashing
     * for unknown users would.
     */
    static final class SkipsUnknownHashes implements PasswordHasher {
        final PasswordHasher real;
        final AtomicBoolean registering = new AtomicBoolean(true);
        final Set<PasswordHash> accounts = java.util.concurrent.ConcurrentHashMap.newKeySet();

        SkipsUnknownHashes(PasswordHasher real) {
            this.real = real;
        }

        @Override
        public PasswordHash hash(RawPassword password) {
            PasswordHash hash = real.hash(password);
            if (registering.get()) accounts.add(hash);
            return hash;
        }

        @Override
        public boolean verify(RawPassword password, PasswordHash hash) {
            return accounts.contains(hash) && real.verify(password, hash);
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return real.needsRehash(hash);
        }
    }
}
