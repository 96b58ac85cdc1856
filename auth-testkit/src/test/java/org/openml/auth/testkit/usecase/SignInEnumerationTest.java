package org.openml.auth.testkit.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.password.Argon2Parameters;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.PasswordSignIn.SignInResult;
import org.openml.auth.core.port.in.PasswordSignIn.SignInCommand;
import org.openml.auth.core.port.in.Registration.RegisterCommand;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;

/**
 * Sign-in does not tell unknown users, wrong passwords and unconfirmed accounts apart: not by
 * its answer, and not by its time, because an unknown user pays the same hashing (same hasher,
 * same format and cost as a real account's hash, the same number of verifies).
 */
class SignInEnumerationTest {
    static final String PASSWORD = "correct horse battery staple";

    /** Records every verify: how many, and against which kind of hash. */
    static final class CountingHasher implements PasswordHasher {
        final PasswordHasher real;
        final List<String> verified = new ArrayList<>();

        CountingHasher(PasswordHasher real) {
            this.real = real;
        }

        @Override
        public PasswordHash hash(RawPassword password) {
            return real.hash(password);
        }

        @Override
        public synchronized boolean verify(RawPassword password, PasswordHash hash) {
            // The parameters part of the encoded hash ("$argon2i$v=19$m=…,t=…,p=…"), not the salt or digest.
            String[] parts = hash.encoded().split("\\$");
            verified.add(String.join("$", Arrays.copyOfRange(parts, 0, Math.min(4, parts.length))));
            return real.verify(password, hash);
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return real.needsRehash(hash);
        }

        synchronized List<String> take() {
            List<String> copy = List.copyOf(verified);
            verified.clear();
            return copy;
        }
    }

    static AuthServices services(PasswordHasher hasher, RecordingMailer mailer) {
        return AuthServices.builder().stores(InMemoryStores.create()).passwordHasher(hasher).mailer(mailer)
                .clock(MutableClock.startingNow()).publicUrl(URI.create("http://localhost:3050"))
                .sessionSecret("enumeration-test-secret-0123456789abcdef")
                // Many wrong passwords for one login: the sign-in pause (tested in SignInLockTest) would answer instead.
                .rateLimits(org.openml.auth.core.usecase.RateLimitPolicy.OFF).build();
    }

    static void register(AuthServices auth, RecordingMailer mailer, String email, boolean confirm) {
        auth.registration().register(new RegisterCommand("Ada", "Lovelace", email, PASSWORD, "127.0.0.1"));
        if (confirm) auth.registration().confirmEmail(RecordingMailer.tokenOf(mailer.last().orElseThrow().link()), "192.0.2.10");
    }

    @Test
    void unknownUsersWrongPasswordsAndUnconfirmedAccountsCostTheSameVerifies() {
        CountingHasher hasher = new CountingHasher(new Argon2PasswordHasher(new Argon2Parameters(1024, 1, 1, 16, 32), List.of()));
        RecordingMailer mailer = new RecordingMailer();
        AuthServices auth = services(hasher, mailer);
        register(auth, mailer, "ada@example.org", true);
        register(auth, mailer, "bob@example.org", false);
        auth.passwordSignIn().signIn(new SignInCommand("nobody-warm-up@example.org", "x".repeat(12), "192.0.2.10")); // makes the dummy hash once
        hasher.take();

        // "ﬁ" (U+FB01) changes under NFKC, so a real account costs two verifies (normalised, then as typed).
        for (String password : List.of("a wrong password", "a wrong ﬁne password")) {
            List<SignInResult> results = new ArrayList<>();
            List<List<String>> verifies = new ArrayList<>();
            for (Supplier<SignInResult> attempt : List.<Supplier<SignInResult>>of(
                    () -> auth.passwordSignIn().signIn(new SignInCommand("nobody@example.org", password, "192.0.2.10")),
                    () -> auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", password, "192.0.2.10")),
                    () -> auth.passwordSignIn().signIn(new SignInCommand("bob@example.org", password.equals("a wrong password") ? PASSWORD : password, "192.0.2.10")),
                    () -> auth.passwordSignIn().signIn(new SignInCommand("no_such_username", password, "192.0.2.10")))) {
                results.add(attempt.get());
                verifies.add(hasher.take());
            }
            assertThat(results).as(password).allSatisfy(r -> assertThat(r).isInstanceOf(SignInResult.InvalidCredentials.class));
            assertThat(verifies.get(0)).as(password).isNotEmpty().allSatisfy(v -> assertThat(v).startsWith("$argon2i$v=19$m=1024,t=1,p=1"));
            assertThat(verifies).as(password + ": unknown email, wrong password, unconfirmed, unknown username")
                    .allSatisfy(v -> assertThat(v).isEqualTo(verifies.get(0)));
            assertThat(verifies.get(0)).hasSize(password.equals("a wrong password") ? 1 : 2);
        }
    }

    @Test
    void unknownUsersAndWrongPasswordsTakeTheSameTimeAtProductionCost() {
        // The real cost (argon2i m=16384,t=4,p=2): what an attacker would time. Interleaved runs, medians
        // of this process's CPU time (wall time on a shared machine measures the neighbours), a wide
        // tolerance; a missing dummy hash would be ~100× cheaper, not 1.5×.
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        PasswordHasher hasher = new Argon2PasswordHasher(Argon2Parameters.OPENML, List.of());
        RecordingMailer mailer = new RecordingMailer();
        AuthServices auth = services(hasher, mailer);
        register(auth, mailer, "ada@example.org", true);
        register(auth, mailer, "bob@example.org", false);
        int rounds = 11;
        long[][] cpu = new long[3][rounds];
        String[] logins = {"nobody@example.org", "ada@example.org", "bob@example.org"};
        String[] passwords = {PASSWORD, "a wrong password", PASSWORD};
        auth.passwordSignIn().signIn(new SignInCommand(logins[0], passwords[0], "192.0.2.10")); // warm-up (and the dummy hash)
        auth.passwordSignIn().signIn(new SignInCommand(logins[1], passwords[1], "192.0.2.10"));
        // The process CPU clock ticks in 10 ms steps here, and one hash costs 20-40 ms: each sample
        // times a batch of sign-ins, so a tick more or less cannot move a median by a third.
        int batch = 4;
        for (int round = 0; round < rounds; round++) {
            for (int kind = 0; kind < 3; kind++) {
                long start = os.getProcessCpuTime();
                for (int i = 0; i < batch; i++) {
                    SignInResult r = auth.passwordSignIn().signIn(new SignInCommand(logins[kind], passwords[kind], "192.0.2.10"));
                    assertThat(r).isInstanceOf(SignInResult.InvalidCredentials.class);
                }
                cpu[kind][round] = (os.getProcessCpuTime() - start) / batch;
            }
        }
        double unknown = median(cpu[0]);
        for (int kind = 1; kind < 3; kind++) {
            double ratio = median(cpu[kind]) / unknown;
            assertThat(ratio).as(logins[kind] + " vs unknown: median CPU %.1f ms vs %.1f ms", median(cpu[kind]) / 1e6, unknown / 1e6)
                    .isBetween(0.67, 1.5);
        }
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
