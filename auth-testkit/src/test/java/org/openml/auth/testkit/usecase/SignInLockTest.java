package org.openml.auth.testkit.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.RateLimitedException;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.PasswordSignIn.SignInResult;
import org.openml.auth.core.port.in.PasswordSignIn.SignInCommand;
import org.openml.auth.core.port.in.Registration.RegisterCommand;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.core.usecase.RateLimitPolicy;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** The per-account sign-in pause and the per-inbox mail limit, in the use cases, on a {@link MutableClock}. */
class SignInLockTest {
    static final String PASSWORD = "correct horse battery staple";

    final InMemoryStores stores = InMemoryStores.create();
    final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    final RecordingMailer mailer = new RecordingMailer();
    final AtomicInteger verifications = new AtomicInteger();
    final PasswordHasher hasher = new CountingHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of()));

    AuthServices services(RateLimitPolicy policy) {
        return AuthServices.builder().stores(stores).passwordHasher(hasher).mailer(mailer).clock(clock)
                .publicUrl(URI.create("http://localhost")).sessionSecret(TestAuthServer.SECRET).rateLimits(policy).build();
    }

    final AuthServices auth = services(RateLimitPolicy.DEFAULTS);

    void confirmedUser(String email) {
        auth.registration().register(new RegisterCommand("Ada", "Lovelace", email, PASSWORD, "192.0.2.1"));
        auth.registration().confirmEmail(RecordingMailer.tokenOf(
                mailer.lastTo(email, Mail.Confirmation.class).orElseThrow().link()), "192.0.2.10");
    }

    List<String> outcomes(String login, int attempts) {
        return java.util.stream.IntStream.range(0, attempts).mapToObj(i -> describe(auth.passwordSignIn().signIn(new SignInCommand(login, "wrong password " + i, "192.0.2.10"))))
                .toList();
    }

    static String describe(SignInResult r) {
        return r instanceof SignInResult.Locked locked ? "locked " + locked.retryAfter().toSeconds() + "s" : r.getClass().getSimpleName();
    }

    @Test
    void fiveFailuresPausePasswordSignInWithoutHashingUntilThePauseEnds() {
        confirmedUser("ada@example.org");
        assertThat(outcomes("ada@example.org", 5)).containsOnly("InvalidCredentials");
        int hashedSoFar = verifications.get();

        SignInResult locked = auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, "192.0.2.10"));
        assertThat(locked).isEqualTo(new SignInResult.Locked(Duration.ofSeconds(30)));
        assertThat(((SignInResult.Locked) locked).code()).isEqualTo(ErrorCode.SIGN_IN_LOCKED);
        assertThat(verifications.get()).as("no hashing while paused, even for the right password").isEqualTo(hashedSoFar);

        clock.advance(Duration.ofSeconds(29));
        assertThat(describe(auth.passwordSignIn().signIn(new SignInCommand("ADA@example.org ", PASSWORD, "192.0.2.10")))).as("spellings share the counter")
                .isEqualTo("locked 1s");
        clock.advance(Duration.ofSeconds(1));
        assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, "192.0.2.10"))).isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void thePauseDoublesWithEachFurtherFailureUpToTheCap() {
        confirmedUser("ada@example.org");
        outcomes("ada@example.org", 5);
        List<Long> pauses = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            SignInResult r = auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", "still wrong", "192.0.2.10"));
            Duration pause = ((SignInResult.Locked) r).retryAfter();
            pauses.add(pause.toSeconds());
            clock.advance(pause);
            assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", "still wrong", "192.0.2.10")))
                    .isInstanceOf(SignInResult.InvalidCredentials.class);
        }
        assertThat(pauses).containsExactly(30L, 60L, 120L, 240L, 480L, 900L, 900L);
    }

    @Test
    void unknownAndKnownEmailsArePausedAlike() {
        confirmedUser("ada@example.org");
        assertThat(outcomes("ada@example.org", 7)).isEqualTo(outcomes("nobody@example.org", 7))
                .containsSubsequence("InvalidCredentials", "locked 30s");
        confirmedUser("grace@example.org");
        String grace = stores.users().findByEmail(new Email("grace@example.org")).orElseThrow().username().value();
        assertThat(outcomes(grace, 6)).as("a username is paused the same way").isEqualTo(outcomes("nobody", 6));
    }

    /** Issue 16, finding 3: the pause counts per account, so no spelling of it gets a fresh budget. */
    @Test
    void everySpellingOfAnAccountSharesOnePause() {
        confirmedUser("ada@example.org");
        String username = stores.users().findByEmail(new Email("ada@example.org")).orElseThrow().username().value();
        outcomes("ada@example.org", 2);
        outcomes("ADA@Example.org", 2);
        outcomes(username, 1);
        assertThat(auth.passwordSignIn().signIn(new SignInCommand(username.toUpperCase(java.util.Locale.ROOT), PASSWORD, "192.0.2.10")))
                .as("the 5 failures under three spellings paused the account").isInstanceOf(SignInResult.Locked.class);
        assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, "192.0.2.10"))).isInstanceOf(SignInResult.Locked.class);
    }

    @Test
    void aSuccessfulSignInForgetsTheFailures() {
        confirmedUser("ada@example.org");
        outcomes("ada@example.org", 4);
        assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, "192.0.2.10"))).isInstanceOf(SignInResult.SignedIn.class);
        assertThat(outcomes("ada@example.org", 4)).containsOnly("InvalidCredentials");
    }

    @Test
    void aPasswordResetEndsThePauseAtOnce() {
        confirmedUser("ada@example.org");
        String username = stores.users().findByEmail(new Email("ada@example.org")).orElseThrow().username().value();
        outcomes("ada@example.org", 6);
        outcomes(username, 6);
        auth.passwordReset().requestReset("ada@example.org", "192.0.2.10");
        String token = RecordingMailer.tokenOf(mailer.lastTo("ada@example.org", Mail.PasswordReset.class).orElseThrow().link());
        auth.passwordReset().resetPassword(token, "a brand new passphrase", "192.0.2.10");

        assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", "a brand new passphrase", "192.0.2.10"))).isInstanceOf(SignInResult.SignedIn.class);
        assertThat(auth.passwordSignIn().signIn(new SignInCommand(username, "a brand new passphrase", "192.0.2.10"))).as("the username's pause ends too")
                .isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void failuresAreForgottenAfterTheirMemory() {
        AuthServices shortMemory = services(RateLimitPolicy.DEFAULTS.withAccountLock(3, Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofMinutes(5)));
        confirmedUser("ada@example.org");
        for (int i = 0; i < 3; i++) shortMemory.passwordSignIn().signIn(new SignInCommand("ada@example.org", "wrong", "192.0.2.10"));
        assertThat(shortMemory.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, "192.0.2.10"))).as("the pause is cut at the memory's end")
                .isEqualTo(new SignInResult.Locked(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5));
        assertThat(shortMemory.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, "192.0.2.10"))).isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void oneInboxGetsOnlyItsShareOfAccountMailsKnownOrNot() {
        confirmedUser("ada@example.org");
        mailer.clear();
        for (int i = 0; i < 3; i++) {
            auth.passwordReset().requestReset("ada@example.org", "192.0.2.10");
            auth.passwordReset().requestReset("nobody@example.org", "192.0.2.10");
        }
        assertThat(mailer.sent()).hasSize(3);
        assertThatThrownBy(() -> auth.passwordReset().requestReset("Ada@Example.org", "192.0.2.10")).isInstanceOfSatisfying(
                RateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
                });
        assertThatThrownBy(() -> auth.registration().resendConfirmation("nobody@example.org", "192.0.2.10"))
                .as("resend shares the count, and unknown addresses are limited alike").isInstanceOf(RateLimitedException.class);
        assertThat(mailer.sent()).hasSize(3);
        clock.advance(Duration.ofHours(1));
        auth.passwordReset().requestReset("ada@example.org", "192.0.2.10");
        assertThat(mailer.sent()).hasSize(4);
    }

    @Test
    void ipv6ClientsCountPerSlash64AndOtherAddressesApart() {
        RateLimitPolicy.Limit two = new RateLimitPolicy.Limit(2, Duration.ofMinutes(1));
        org.openml.auth.core.port.in.RateLimits limits = services(RateLimitPolicy.DEFAULTS.withLimits(two, two, two, two, two, two, two))
                .rateLimits();
        org.openml.auth.core.port.in.RateLimits.Action register = org.openml.auth.core.port.in.RateLimits.Action.REGISTER;
        limits.admit(register, "2001:db8::1");
        limits.admit(register, "[2001:db8:0:0:ffff::2]");
        assertThatThrownBy(() -> limits.admit(register, "2001:db8::abcd%eth0")).as("same /64").isInstanceOf(RateLimitedException.class);
        limits.admit(register, "2001:db8:0:1::1"); // the next /64
        limits.admit(register, "192.0.2.1");
        limits.admit(register, "192.0.2.2");
        limits.admit(register, "192.0.2.2");
        assertThatThrownBy(() -> limits.admit(register, "192.0.2.2")).isInstanceOf(RateLimitedException.class);
        // Not an address: counted as the text it is, never resolved.
        limits.admit(register, "host.example:80");
        limits.admit(register, "host.example:80");
        assertThatThrownBy(() -> limits.admit(register, "host.example:80")).isInstanceOf(RateLimitedException.class);
        limits.admit(org.openml.auth.core.port.in.RateLimits.Action.SIGN_IN, "192.0.2.2"); // another route, another budget
    }

    @Test
    void withLimitsOffNothingIsCountedOrPaused() {
        AuthServices off = AuthServices.builder().users(stores.users()).confirmationTokens(stores.confirmationTokens())
                .resetTokens(stores.resetTokens()).apiKeys(stores.apiKeys()).auditEvents(stores.auditEvents())
                .sessionRevocations(stores.sessionRevocations()).unprovenEmails(stores.unprovenEmails()).passwordHasher(hasher).mailer(mailer).clock(clock)
                .accountRemoval(stores.accountRemoval()).emailChanges(stores.emailChanges())
                .publicUrl(URI.create("http://localhost")).sessionSecret(TestAuthServer.SECRET).rateLimits(RateLimitPolicy.OFF)
                .build();
        confirmedUser("ada@example.org"); // through the services with the limits on: its registration is counted
        int counted = stores.attempts().size();
        for (int i = 0; i < 20; i++) off.passwordSignIn().signIn(new SignInCommand("ada@example.org", "wrong", "192.0.2.10"));
        assertThat(off.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, "192.0.2.10"))).isInstanceOf(SignInResult.SignedIn.class);
        assertThat(stores.attempts().size()).isEqualTo(counted);
    }

    @Test
    void limitsOnNeedALimiter() {
        assertThatThrownBy(() -> AuthServices.builder().users(stores.users()).confirmationTokens(stores.confirmationTokens())
                .resetTokens(stores.resetTokens()).apiKeys(stores.apiKeys()).auditEvents(stores.auditEvents())
                .sessionRevocations(stores.sessionRevocations()).unprovenEmails(stores.unprovenEmails()).passwordHasher(hasher).mailer(mailer)
                .publicUrl(URI.create("http://localhost")).sessionSecret(TestAuthServer.SECRET).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("attemptLimiter");
    }

    @Test
    void policyNumbersAreChecked() {
        assertThat(RateLimitPolicy.Limit.parse("30/PT1M")).isEqualTo(new RateLimitPolicy.Limit(30, Duration.ofMinutes(1)));
        for (String bad : List.of("30", "/PT1M", "x/PT1M", "30/1m", "0/PT1M", "5/PT0.5S", "30/")) {
            assertThatThrownBy(() -> RateLimitPolicy.Limit.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(RateLimitPolicy.DEFAULTS.lockAfter(4)).isZero();
        assertThat(RateLimitPolicy.DEFAULTS.lockAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RateLimitPolicy.DEFAULTS.lockAfter(1_000_000)).isEqualTo(Duration.ofMinutes(15));
    }

    /** Counts verifications, to show that a paused sign-in does not hash. */
    final class CountingHasher implements PasswordHasher {
        private final PasswordHasher inner;

        CountingHasher(PasswordHasher inner) {
            this.inner = inner;
        }

        @Override
        public PasswordHash hash(RawPassword password) {
            return inner.hash(password);
        }

        @Override
        public boolean verify(RawPassword password, PasswordHash hash) {
            verifications.incrementAndGet();
            return inner.verify(password, hash);
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return inner.needsRehash(hash);
        }
    }
}
