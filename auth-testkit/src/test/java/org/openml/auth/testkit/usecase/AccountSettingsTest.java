package org.openml.auth.testkit.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.AccountSettings;
import org.openml.auth.core.port.in.AccountSettings.ChangePasswordCommand;
import org.openml.auth.core.port.in.AccountSettings.DeleteAccountCommand;
import org.openml.auth.core.port.in.AccountSettings.DeletionResult;
import org.openml.auth.core.port.in.AccountSettings.PasswordChangeResult;
import org.openml.auth.core.port.in.AccountSettings.ProfileResult;
import org.openml.auth.core.port.in.AccountSettings.Refused;
import org.openml.auth.core.port.in.AccountSettings.UnlinkResult;
import org.openml.auth.core.port.in.AccountSettings.UpdateProfileCommand;
import org.openml.auth.core.port.in.PasswordSignIn.SignInCommand;
import org.openml.auth.core.port.in.PasswordSignIn.SignInResult;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.testkit.InMemoryAccountUploads;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** The owner's own changes, called on the core directly: each with its checks, audit row and notice. */
class AccountSettingsTest {
    static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
    static final String PASSWORD = "correct horse battery staple";
    static final String IP = "192.0.2.7";

    final MutableClock clock = new MutableClock(T0);
    final RecordingMailer mailer = new RecordingMailer();
    final PasswordHasher hasher = new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of());
    final InMemoryAccountUploads uploads = new InMemoryAccountUploads();
    InMemoryStores stores;
    AuthServices auth;
    AccountSettings settings;
    User ada;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        auth = AuthServices.builder().stores(stores).passwordHasher(hasher).mailer(mailer).clock(clock)
                .publicUrl(URI.create("http://localhost:3050")).sessionSecret("settings-test-secret-0123456789abcdef")
                .accountUploads(uploads).auditExecutor(Runnable::run).build();
        settings = auth.accountSettings();
        ada = create("ada", "ada@example.org", hasher.hash(new RawPassword(PASSWORD)));
    }

    private User create(String username, String email, PasswordHash hash) {
        return ((UserStore.CreateResult.Created) stores.users().create(new NewUser(new Username(username), new Email(email),
                "Ada", "Lovelace", hash, true, new ApiKey(String.format("%032x", username.hashCode() & 0xffffffffL)),
                "127.0.0.1", T0))).user();
    }

    private IssuedSession signIn() {
        return ((SignInResult.SignedIn) auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, IP))).session();
    }

    private List<AuditEvent.Type> auditTypes() {
        return auth.accountActivity().recent(ada.id(), 50).stream().map(AuditEvent::type).toList();
    }

    // ---- password ----

    @Test
    void changingThePasswordEndsEveryOtherSessionKeepsThisOneAndMailsTheOwner() {
        IssuedSession elsewhere = signIn();
        IssuedSession here = signIn();
        clock.advance(Duration.ofMinutes(30));

        PasswordChangeResult result = settings.changePassword(new ChangePasswordCommand(here.session(), PASSWORD,
                "a brand new passphrase", IP));

        IssuedSession reissued = ((PasswordChangeResult.Changed) result).session();
        assertThat(auth.sessions().read(elsewhere.token())).isEmpty();
        assertThat(auth.sessions().read(here.token())).isEmpty();
        assertThat(auth.sessions().read(reissued.token())).isPresent();
        assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", "a brand new passphrase", IP)))
                .isInstanceOf(SignInResult.SignedIn.class);
        assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, IP)))
                .isInstanceOf(SignInResult.InvalidCredentials.class);
        assertThat(mailer.lastTo("ada@example.org", Mail.SecurityNotice.class)).get()
                .extracting(Mail.SecurityNotice::change).isEqualTo(Mail.SecurityNotice.Change.PASSWORD_UPDATED);
        assertThat(auditTypes()).contains(AuditEvent.Type.PASSWORD_CHANGED);
    }

    @Test
    void aWrongOrMissingCurrentPasswordIsRefusedChangesNothingAndCountsTowardThePause() {
        IssuedSession here = signIn();
        PasswordHash before = stores.users().findById(ada.id()).orElseThrow().passwordHash();

        for (int i = 0; i < 5; i++) {
            assertThat(settings.changePassword(new ChangePasswordCommand(here.session(), "wrong " + i, "a brand new passphrase", IP)))
                    .isEqualTo(new Refused(ErrorCode.CURRENT_PASSWORD_INCORRECT));
        }
        assertThat(settings.changePassword(new ChangePasswordCommand(here.session(), null, "a brand new passphrase", IP)))
                .isInstanceOf(Refused.class).extracting(r -> ((Refused) r).code()).isEqualTo(ErrorCode.SIGN_IN_LOCKED);
        // The pause is the account's: sign-in with the right password waits too.
        assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, IP)))
                .isInstanceOf(SignInResult.Locked.class);
        assertThat(stores.users().findById(ada.id()).orElseThrow().passwordHash()).isEqualTo(before);
        assertThat(auth.sessions().read(here.token())).isPresent();
    }

    @Test
    void theNewPasswordFollowsTheRulesOfRegistration() {
        IssuedSession here = signIn();

        assertThatThrownBy(() -> settings.changePassword(new ChangePasswordCommand(here.session(), PASSWORD, "short", IP)))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo(ErrorCode.PASSWORD_TOO_SHORT);
        assertThatThrownBy(() -> settings.changePassword(new ChangePasswordCommand(here.session(), PASSWORD, "ada@example.org", IP)))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo(ErrorCode.PASSWORD_MATCHES_IDENTITY);
        assertThatThrownBy(() -> settings.changePassword(new ChangePasswordCommand(here.session(), PASSWORD, "", IP)))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo(ErrorCode.NEW_PASSWORD_REQUIRED);
    }

    @Test
    void anAccountWithoutAPasswordSetsOneOnlyWhenRecentlySignedIn() {
        User grace = create("grace", "grace@example.org", new PasswordHash("oauth_no_password"));
        IssuedSession session = auth.sessions().issue(grace);

        clock.advance(Duration.ofMinutes(11));
        assertThat(settings.changePassword(new ChangePasswordCommand(session.session(), null, "a brand new passphrase", IP)))
                .isEqualTo(new Refused(ErrorCode.REAUTHENTICATION_REQUIRED));

        IssuedSession fresh = auth.sessions().issue(grace);
        assertThat(settings.changePassword(new ChangePasswordCommand(fresh.session(), null, "a brand new passphrase", IP)))
                .isInstanceOf(PasswordChangeResult.Changed.class);
        assertThat(auth.passwordSignIn().signIn(new SignInCommand("grace@example.org", "a brand new passphrase", IP)))
                .isInstanceOf(SignInResult.SignedIn.class);
        assertThat(mailer.lastTo("grace@example.org", Mail.SecurityNotice.class)).get()
                .extracting(m -> m.detail().orElse("")).isEqualTo("set");
    }

    // ---- names ----

    @Test
    void namesChangeAndTheReissuedSessionCarriesThem() {
        IssuedSession here = signIn();

        ProfileResult result = settings.updateProfile(new UpdateProfileCommand(here.session(), Optional.of("  Augusta "),
                Optional.empty(), IP));

        ProfileResult.Updated updated = (ProfileResult.Updated) result;
        assertThat(updated.user().firstName()).isEqualTo("Augusta");
        assertThat(updated.user().lastName()).isEqualTo("Lovelace");
        assertThat(updated.session().session().firstName()).isEqualTo("Augusta");
        assertThat(updated.session().session().name()).isEqualTo("Augusta Lovelace");
        assertThat(auth.sessions().read(updated.session().token()).orElseThrow().firstName()).isEqualTo("Augusta");
        assertThat(auditTypes()).contains(AuditEvent.Type.NAME_CHANGED);
    }

    @Test
    void badNamesAreRefusedAndChangeNothing() {
        IssuedSession here = signIn();

        for (String bad : List.of("", "   ", "x".repeat(51), "Ada\nBcc: evil", "Ada\u0000", "Ada\u2028Bcc", "Ada\u202Eevil")) {
            assertThatThrownBy(() -> settings.updateProfile(new UpdateProfileCommand(here.session(), Optional.of(bad),
                    Optional.empty(), IP))).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> settings.updateProfile(new UpdateProfileCommand(here.session(), Optional.empty(),
                Optional.empty(), IP))).isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo(ErrorCode.NAME_REQUIRED);
        assertThat(stores.users().findById(ada.id()).orElseThrow().firstName()).isEqualTo("Ada");
    }

    // ---- linked accounts ----

    @Test
    void aLinkIsListedAndRemovedWhileAnotherWayToSignInIsLeft() {
        stores.users().link(ada.id(), new ExternalIdentity("github", "12345"));

        assertThat(settings.linkedAccounts(ada.id())).extracting(AccountSettings.LinkedAccount::provider).containsExactly("github");
        assertThat(settings.unlink(ada.id(), "google", IP)).isEqualTo(new Refused(ErrorCode.PROVIDER_NOT_LINKED));
        assertThat(settings.unlink(ada.id(), "github", IP)).isInstanceOf(UnlinkResult.Unlinked.class);

        assertThat(settings.linkedAccounts(ada.id())).isEmpty();
        assertThat(stores.users().findUserId(new ExternalIdentity("github", "12345"))).isEmpty();
        assertThat(mailer.lastTo("ada@example.org", Mail.SecurityNotice.class)).get()
                .extracting(Mail.SecurityNotice::change).isEqualTo(Mail.SecurityNotice.Change.ACCOUNT_UNLINKED);
    }

    @Test
    void theLastWayLeftToSignInIsNotRemoved() {
        User grace = create("grace", "grace@example.org", new PasswordHash("oauth_no_password"));
        stores.users().link(grace.id(), new ExternalIdentity("google", "g-1"));

        assertThat(settings.unlink(grace.id(), "google", IP)).isEqualTo(new Refused(ErrorCode.LAST_SIGN_IN_METHOD));
        assertThat(settings.linkedAccounts(grace.id())).hasSize(1);
    }

    // ---- deletion ----

    @Test
    void anAccountWithoutUploadsIsDeletedItsSessionsDieAndTheOldAddressGetsALastNotice() {
        IssuedSession here = signIn();
        IssuedSession elsewhere = signIn();
        auth.passwordReset().requestReset("ada@example.org", IP);
        assertThat(stores.resetTokens().size()).isEqualTo(1);

        DeletionResult result = settings.deleteAccount(new DeleteAccountCommand(here.session(), "DELETE", null, IP));

        assertThat(result).isInstanceOf(DeletionResult.Deleted.class);
        assertThat(stores.users().findById(ada.id())).isEmpty();
        assertThat(stores.resetTokens().size()).isZero();
        assertThat(auth.sessions().read(here.token())).isEmpty();
        assertThat(auth.sessions().read(elsewhere.token())).isEmpty();
        assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, IP)))
                .isInstanceOf(SignInResult.InvalidCredentials.class);
        assertThat(mailer.lastTo("ada@example.org", Mail.SecurityNotice.class)).get()
                .extracting(Mail.SecurityNotice::change).isEqualTo(Mail.SecurityNotice.Change.ACCOUNT_DELETED);
    }

    @Test
    void anAccountWithUploadsIsAnonymisedSoTheUploadsKeepTheirUploader() {
        uploads.add(ada.id());
        IssuedSession here = signIn();

        DeletionResult result = settings.deleteAccount(new DeleteAccountCommand(here.session(), "DELETE", null, IP));

        assertThat(result).isInstanceOf(DeletionResult.Anonymised.class);
        User kept = stores.users().findById(ada.id()).orElseThrow();
        assertThat(kept.firstName() + " " + kept.lastName()).isEqualTo("Deleted user");
        assertThat(kept.email().value()).isEqualTo("deleted-" + ada.id().value() + "@deleted.invalid");
        assertThat(kept.username().value()).isEqualTo("deleted-" + ada.id().value());
        assertThat(kept.apiKey()).isEmpty();
        assertThat(kept.active()).isFalse();
        assertThat(stores.users().findByEmail(new Email("ada@example.org"))).isEmpty();
        assertThat(auth.sessions().read(here.token())).isEmpty();
        // The audit trail keeps the event, and nothing with the old address in it.
        List<AuditEvent> trail = auth.accountActivity().recent(ada.id(), 50);
        assertThat(trail).extracting(AuditEvent::type).containsExactly(AuditEvent.Type.ACCOUNT_ANONYMISED);
        assertThat(trail.get(0).ipAddress()).isNotEqualTo(IP);
        assertThat(mailer.lastTo("ada@example.org", Mail.SecurityNotice.class)).get()
                .extracting(m -> m.detail().orElse("")).isEqualTo("anonymised");
    }

    @Test
    void deletionNeedsTheTypedConfirmationAndARecentSignInOrThePassword() {
        IssuedSession here = signIn();

        assertThatThrownBy(() -> settings.deleteAccount(new DeleteAccountCommand(here.session(), "delete", null, IP)))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo(ErrorCode.DELETE_CONFIRMATION_REQUIRED);
        clock.advance(Duration.ofMinutes(11));
        assertThat(settings.deleteAccount(new DeleteAccountCommand(here.session(), "DELETE", null, IP)))
                .isEqualTo(new Refused(ErrorCode.REAUTHENTICATION_REQUIRED));
        assertThat(settings.deleteAccount(new DeleteAccountCommand(here.session(), "DELETE", "wrong password", IP)))
                .isEqualTo(new Refused(ErrorCode.CURRENT_PASSWORD_INCORRECT));
        assertThat(stores.users().findById(ada.id())).isPresent();

        assertThat(settings.deleteAccount(new DeleteAccountCommand(here.session(), "DELETE", PASSWORD, IP)))
                .isInstanceOf(DeletionResult.Deleted.class);
    }

    @Test
    void whenUploadsCannotBeLookedUpNothingIsDeleted() {
        uploads.failWith(new StoreUnavailableException("expdb is down", null));
        IssuedSession here = signIn();

        assertThatThrownBy(() -> settings.deleteAccount(new DeleteAccountCommand(here.session(), "DELETE", null, IP)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(stores.users().findById(ada.id())).isPresent();
        assertThat(auth.sessions().read(here.token())).isPresent();
    }
}
