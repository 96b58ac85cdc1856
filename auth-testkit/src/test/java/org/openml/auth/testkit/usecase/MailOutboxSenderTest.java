package org.openml.auth.testkit.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.Registration.RegisterCommand;
import org.openml.auth.core.port.out.MailOutbox;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.core.usecase.OutboxPolicy;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** The mail outbox in the core: queued, sealed, retried with back-off, given up, and only opened with the secret. */
class MailOutboxSenderTest {
    static final String PASSWORD = "correct horse battery staple";
    /** A poll far in the future: the test drives every attempt itself with sendQueuedMail(). */
    static final OutboxPolicy POLICY = OutboxPolicy.DEFAULTS.withPollInterval(Duration.ofHours(1));

    final MutableClock clock = MutableClock.startingNow();
    final RecordingMailer mailer = new RecordingMailer();
    final InMemoryStores stores = InMemoryStores.create();
    AuthServices auth;

    AuthServices build(String secret, OutboxPolicy policy) {
        return AuthServices.builder().stores(stores).mailOutbox(stores.mailOutbox()).outboxPolicy(policy)
                .passwordHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of())).mailer(mailer).clock(clock)
                .publicUrl(URI.create("http://localhost:3050")).sessionSecret(secret).build();
    }

    @AfterEach
    void close() {
        if (auth != null) auth.close();
    }

    void register(AuthServices services) {
        services.registration().register(new RegisterCommand("Ada", "Lovelace", "ada@example.org", PASSWORD, "192.0.2.1"));
    }

    @Test
    void aMailIsSealedInTheOutboxRetriedWithBackOffAndRemovedOnceSent() {
        auth = build(TestAuthServer.SECRET, POLICY.withInline(true));
        mailer.failNext(2);
        register(auth); // queued, then tried at once: SMTP fails
        assertThat(mailer.sent()).isEmpty();
        assertThat(stores.mailOutbox().size()).isEqualTo(1);

        auth.sendQueuedMail();
        assertThat(mailer.sent()).as("not due before the back-off ends").isEmpty();
        clock.advance(Duration.ofSeconds(30));
        auth.sendQueuedMail(); // second failure: the wait doubles
        clock.advance(Duration.ofSeconds(59));
        auth.sendQueuedMail();
        assertThat(mailer.sent()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        auth.sendQueuedMail();
        assertThat(mailer.sent()).singleElement().isInstanceOf(Mail.Confirmation.class);
        assertThat(stores.mailOutbox().size()).isZero();
    }

    @Test
    void theStoredPayloadHoldsNeitherTheLinkNorTheAddress() {
        auth = build(TestAuthServer.SECRET, POLICY.withInline(false));
        mailer.failNext(100);
        register(auth);
        List<MailOutbox.Queued> queued = stores.mailOutbox().claimDue(clock.instant().plus(Duration.ofDays(1)), Duration.ofMinutes(1), 10);
        assertThat(queued).singleElement().satisfies(q -> assertThat(q.payload()).startsWith("v1.")
                .doesNotContain("token").doesNotContain("example.org").doesNotContain("confirm"));
    }

    @Test
    void aMailIsGivenUpAfterItsTimeAndOneSealedUnderAnotherSecretIsDropped() {
        auth = build(TestAuthServer.SECRET, POLICY.withInline(true));
        mailer.failNext(1_000);
        register(auth);
        clock.advance(Duration.ofDays(3));
        auth.sendQueuedMail();
        assertThat(stores.mailOutbox().size()).as("given up after 3 days").isZero();

        mailer.failNext(1);
        try (AuthServices other = build("another-secret-0123456789abcdef0123456789", POLICY.withInline(true))) {
            other.registration().register(new RegisterCommand("Grace", "Hopper", "grace@example.org", PASSWORD, "192.0.2.1"));
        }
        assertThat(stores.mailOutbox().size()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        auth.sendQueuedMail(); // the first services have the first secret only
        assertThat(stores.mailOutbox().size()).as("unreadable: dropped, with an error in the log").isZero();
        assertThat(mailer.sent()).isEmpty();
    }

    @Test
    void theBackOffDoublesUpToItsCap() {
        OutboxPolicy p = OutboxPolicy.DEFAULTS.withRetries(Duration.ofSeconds(30), Duration.ofMinutes(4));
        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(p::retryAfter).toList())
                .containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(4), Duration.ofMinutes(4));
    }
}
