package org.openml.auth.testkit.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.usecase.AuditPolicy;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** The AccountActivity use case on its own: what it writes, what it mails, what it logs, and that it never throws. */
class AccountActivityTest {
    static final Instant START = Instant.parse("2025-06-07T08:09:10.123Z");

    final InMemoryStores stores = InMemoryStores.create();
    final RecordingMailer mailer = new RecordingMailer();
    final MutableClock clock = new MutableClock(START);
    final List<String> logged = new ArrayList<>();
    final Logger jul = Logger.getLogger("org.openml.auth.core.usecase.AccountActivityService");
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(r.getParameters() == null ? r.getMessage() : MessageFormat.format(r.getMessage(), r.getParameters()));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    User ada;

    @BeforeEach
    void setUp() {
        jul.addHandler(capture);
        ada = ((UserStore.CreateResult.Created) stores.users().create(new NewUser(new Username("ada"),
                new Email("ada@example.org"), "Ada", "Lovelace", new PasswordHash("$2y$10$abcdefghijklmnopqrstuuQ0kF0N8c1Jm8l3Cz3k0K2y3l4m5n6o7"),
                true, new ApiKey("0123456789abcdef0123456789abcdef"), "192.0.2.1", START))).user();
    }

    @AfterEach
    void tearDown() {
        jul.removeHandler(capture);
    }

    AuthServices.Builder builder() {
        return AuthServices.builder().stores(stores)
                .passwordHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of()))
                .mailer(mailer).clock(clock).publicUrl(URI.create("https://www.openml.org/")).sessionSecret(TestAuthServer.SECRET)
                .auditExecutor(Runnable::run);
    }

    AccountActivity activity() {
        return builder().build().accountActivity();
    }

    String log() {
        synchronized (logged) {
            return String.join("\n", logged);
        }
    }

    @Test
    void theAuditStoreIsRequiredAndNamed() {
        assertThatThrownBy(() -> AuthServices.builder().users(stores.users()).confirmationTokens(stores.confirmationTokens())
                .resetTokens(stores.resetTokens()).apiKeys(stores.apiKeys())
                .sessionRevocations(stores.sessionRevocations()).unprovenEmails(stores.unprovenEmails()).attemptLimiter(stores.attempts())
                .passwordHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of())).mailer(mailer)
                .publicUrl(URI.create("https://www.openml.org")).sessionSecret(TestAuthServer.SECRET).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("auditEvents");
    }

    @Test
    void anEventIsStampedWithTheClockAndMailedWhenItIsANotifiedChange() {
        activity().record(ada.id(), Type.API_KEY_REGENERATED, Method.SESSION, Outcome.SUCCESS, "2001:db8::1", Optional.empty());

        assertThat(stores.auditEvents().recent(ada.id(), 10)).containsExactly(new AuditEvent(ada.id(), Type.API_KEY_REGENERATED,
                Method.SESSION, Outcome.SUCCESS, START, "2001:db8::1", Optional.empty()));
        Mail.SecurityNotice notice = mailer.lastTo("ada@example.org", Mail.SecurityNotice.class).orElseThrow();
        assertThat(notice).isEqualTo(new Mail.SecurityNotice(ada.email(), "Ada Lovelace", URI.create("https://www.openml.org/account"),
                Mail.SecurityNotice.Change.API_KEY_REGENERATED, START, "2001:db8::1", Optional.empty(),
                URI.create("https://www.openml.org/auth/forgot-password")));
    }

    @Test
    void onlySuccessfulNotifiedChangesAreMailed() {
        AccountActivity activity = activity();
        activity.record(ada.id(), Type.PASSKEY_ADDED, Method.SESSION, Outcome.FAILURE, "192.0.2.9", Optional.of("Key"));
        activity.record(ada.id(), Type.SIGN_IN, Method.PASSWORD, Outcome.SUCCESS, "192.0.2.9", Optional.empty());
        activity.record(ada.id(), Type.PASSKEY_REMOVED, Method.SESSION, Outcome.SUCCESS, "192.0.2.9", Optional.of("Key"));
        activity.record(ada.id(), Type.PASSKEY_RENAMED, Method.SESSION, Outcome.SUCCESS, "192.0.2.9", Optional.of("Key"));
        activity.record(ada.id(), Type.EMAIL_CONFIRMED, Method.EMAIL_LINK, Outcome.SUCCESS, "192.0.2.9", Optional.empty());
        activity.record(ada.id(), Type.ACCOUNT_CREATED, Method.PASSWORD, Outcome.SUCCESS, "192.0.2.9", Optional.empty());

        assertThat(mailer.sent()).isEmpty();
        assertThat(stores.auditEvents().recent(ada.id(), 10)).hasSize(6);

        for (Type type : List.of(Type.PASSWORD_RESET, Type.PASSKEY_ADDED, Type.API_KEY_REGENERATED, Type.ACCOUNT_LINKED)) {
            activity.record(ada.id(), type, Method.SESSION, Outcome.SUCCESS, "192.0.2.9", Optional.empty());
        }
        assertThat(mailer.sent()).extracting(m -> ((Mail.SecurityNotice) m).change()).containsExactly(
                Mail.SecurityNotice.Change.PASSWORD_CHANGED, Mail.SecurityNotice.Change.PASSKEY_ADDED,
                Mail.SecurityNotice.Change.API_KEY_REGENERATED, Mail.SecurityNotice.Change.ACCOUNT_LINKED);
    }

    @Test
    void aLockoutCanBeRecordedByTheRateLimiter() {
        activity().record(ada.id(), Type.LOCKED_OUT, Method.PASSWORD, Outcome.FAILURE, "198.51.100.4", Optional.of("15 minutes"));

        assertThat(stores.auditEvents().recent(ada.id(), 1)).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(Type.LOCKED_OUT))
                .satisfies(e -> assertThat(e.detail()).contains("15 minutes"));
    }

    @Test
    void aFailingAuditStoreIsLoggedAndNeverThrownAndTheMailStillGoes() {
        stores.auditEvents().failWrites(true);

        assertThatCode(() -> activity().record(ada.id(), Type.PASSWORD_RESET, Method.EMAIL_LINK, Outcome.SUCCESS, "192.0.2.9",
                Optional.empty())).doesNotThrowAnyException();

        assertThat(log()).contains("audit: could not write event=password_reset outcome=success method=email_link user=")
                .contains("ip=192.0.2.9");
        assertThat(mailer.lastTo("ada@example.org", Mail.SecurityNotice.class)).isPresent();
    }

    @Test
    void aFailingMailerIsLoggedAndNeverThrown() {
        mailer.failNext(1);

        assertThatCode(() -> activity().record(ada.id(), Type.PASSKEY_ADDED, Method.SESSION, Outcome.SUCCESS, "192.0.2.9",
                Optional.of("Key"))).doesNotThrowAnyException();

        assertThat(log()).contains("could not mail user").contains("PASSKEY_ADDED");
        assertThat(stores.auditEvents().recent(ada.id(), 1)).hasSize(1);
    }

    @Test
    void refusedSignInsOfUnknownLoginsGoToTheLogMaskedWithoutThePasswordAndForgedLines() {
        AccountActivity activity = activity();

        activity.signInFailed("nobody@example.org", Method.PASSWORD, "203.0.113.5\r\naudit: forged line");
        activity.signInFailed("mallory", Method.PASSWORD, "203.0.113.6");
        activity.signInFailed(null, Method.PASSKEY, "203.0.113.7");

        assertThat(stores.auditEvents().all()).isEmpty();
        assertThat(log()).contains("audit: event=sign_in outcome=failure method=password account=none login=n…@example.org ip=")
                .contains("login=m…(7 chars) ip=203.0.113.6")
                .contains("method=passkey account=none login=(none) ip=203.0.113.7")
                .doesNotContain("nobody@").doesNotContain("mallory");
        assertThat(logged).noneMatch(line -> line.contains("\n") || line.contains("\r"));
    }

    @Test
    void refusedSignInsOfKnownLoginsAreStampedWhenTheyHappenedNotWhenWritten() {
        List<Runnable> queued = new ArrayList<>();
        AccountActivity activity = builder().auditExecutor(queued::add).build().accountActivity();

        activity.signInFailed("ADA@example.org", Method.PASSWORD, "192.0.2.1");
        activity.signInFailed(" ada ", Method.PASSWORD, "192.0.2.2");
        assertThat(stores.auditEvents().all()).as("nothing written on the caller's thread").isEmpty();
        clock.advance(Duration.ofMinutes(5));
        queued.forEach(Runnable::run);

        assertThat(stores.auditEvents().recent(ada.id(), 10)).extracting(AuditEvent::at, AuditEvent::ipAddress, AuditEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(START, "192.0.2.2", Outcome.FAILURE),
                        org.assertj.core.groups.Tuple.tuple(START, "192.0.2.1", Outcome.FAILURE));
    }

    @Test
    void aFullQueueDropsTheEventWithALogLineInsteadOfFailingTheSignIn() {
        AccountActivity activity = builder().auditExecutor(task -> {
            throw new RejectedExecutionException("full");
        }).build().accountActivity();

        assertThatCode(() -> activity.signInFailed("ada", Method.PASSWORD, "192.0.2.1")).doesNotThrowAnyException();

        assertThat(log()).contains("audit: queue full, dropped a failed password sign-in from 192.0.2.1");
    }

    @Test
    void historyIsBoundedPerAccountByCountAndAge() {
        AccountActivity activity = builder().auditPolicy(new AuditPolicy(3, Duration.ofDays(30))).build().accountActivity();
        for (int i = 0; i < 5; i++) {
            activity.record(ada.id(), Type.SIGN_IN, Method.PASSWORD, Outcome.SUCCESS, "192.0.2." + i, Optional.empty());
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(activity.recent(ada.id(), 100)).extracting(AuditEvent::ipAddress).containsExactly("192.0.2.4", "192.0.2.3", "192.0.2.2");

        clock.advance(Duration.ofDays(31));
        activity.record(ada.id(), Type.SIGN_IN, Method.PASSWORD, Outcome.SUCCESS, "192.0.2.99", Optional.empty());

        assertThat(activity.recent(ada.id(), 100)).extracting(AuditEvent::ipAddress).containsExactly("192.0.2.99");
    }

    @Test
    void recentIsCappedAndRefusesANonPositiveLimit() {
        AccountActivity activity = activity();
        for (int i = 0; i < AccountActivity.MAX_LIMIT + 5; i++) {
            activity.record(ada.id(), Type.SIGN_IN, Method.PASSWORD, Outcome.FAILURE, "192.0.2.1", Optional.empty());
        }

        assertThat(activity.recent(ada.id(), Integer.MAX_VALUE)).hasSize(AccountActivity.MAX_LIMIT);
        assertThatThrownBy(() -> activity.recent(ada.id(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsForAnUnknownAddressAreLoggedOnly() {
        activity().record(new Email("ghost@example.org"), Type.EMAIL_CONFIRMED, Method.EMAIL_LINK, Outcome.SUCCESS, "192.0.2.1",
                Optional.empty());

        assertThat(stores.auditEvents().all()).isEmpty();
        assertThat(log()).contains("email_confirmed (success) for g…@example.org, which no account has");
    }
}
