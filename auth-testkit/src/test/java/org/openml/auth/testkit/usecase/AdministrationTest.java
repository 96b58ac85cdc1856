package org.openml.auth.testkit.usecase;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.Administration;
import org.openml.auth.core.port.in.Administration.Actor;
import org.openml.auth.core.port.in.Administration.Result;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.testkit.InMemoryAccountUploads;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** The operator's and admins' actions: the owners' mechanisms, each with an audit row naming who acted. */
class AdministrationTest {
    static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final RecordingMailer mailer = new RecordingMailer();
    final PasswordHasher hasher = new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of());
    final InMemoryAccountUploads uploads = new InMemoryAccountUploads();
    InMemoryStores stores;
    AuthServices auth;
    Administration admin;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        auth = AuthServices.builder().stores(stores).passwordHasher(hasher).mailer(mailer).clock(clock)
                .publicUrl(URI.create("http://localhost:3050")).sessionSecret("administration-test-secret-0123456789abcdef")
                .accountUploads(uploads).auditExecutor(Runnable::run).build();
        admin = auth.administration();
    }

    private User create(String username, String email, boolean active) {
        return ((UserStore.CreateResult.Created) stores.users().create(new NewUser(new Username(username), new Email(email), "Ada",
                "Lovelace", hasher.hash(new RawPassword("correct horse battery staple")), active,
                new ApiKey(String.format("%032x", username.hashCode() & 0xffffffffL)), "127.0.0.1", T0))).user();
    }

    private List<String> auditDetails(UserId id) {
        return auth.accountActivity().recent(id, 20).stream().filter(e -> e.type() == AuditEvent.Type.ADMIN_ACTION)
                .map(e -> e.detail().orElse("")).toList();
    }

    @Test
    void findAndShowLookAccountsUpByIdAddressOrUsernameWithoutSecrets() {
        User ada = create("ada", "ada@example.org", true);
        create("grace", "grace@navy.example", true);

        assertThat(admin.find("navy", 10)).extracting(u -> u.username().value()).containsExactly("grace");
        assertThat(admin.find("  ", 10)).isEmpty();
        assertThat(admin.show(Long.toString(ada.id().value()))).get().extracting(a -> a.user().id()).isEqualTo(ada.id());
        assertThat(admin.show("ADA@example.org")).get().extracting(a -> a.user().id()).isEqualTo(ada.id());
        assertThat(admin.show("ada")).get().satisfies(a -> {
            assertThat(a.addressProven()).isTrue();
            assertThat(a.passkeys()).isZero();
            assertThat(a.linkedProvider()).isEmpty();
        });
        assertThat(admin.show("nobody@example.org")).isEmpty();
    }

    @Test
    void confirmActivatesOnceAndSaysWhoActed() {
        User ada = create("ada", "ada@example.org", false);

        assertThat(admin.confirm(Actor.operator(), ada.id())).isEqualTo(new Result.Done("confirmed"));
        assertThat(stores.users().findById(ada.id()).orElseThrow().active()).isTrue();
        assertThat(admin.confirm(new Actor(Optional.of(new UserId(7)), "203.0.113.1"), ada.id()))
                .isEqualTo(new Result.Done("already confirmed"));
        assertThat(auditDetails(ada.id())).containsExactly("confirm by operator");
    }

    @Test
    void revokeSessionsAndSendResetUseTheOwnersMechanisms() {
        User ada = create("ada", "ada@example.org", true);
        IssuedSession session = auth.sessions().issue(ada);
        clock.advance(Duration.ofSeconds(1));

        assertThat(admin.revokeSessions(new Actor(Optional.of(new UserId(7)), "203.0.113.1"), ada.id()))
                .isInstanceOf(Result.Done.class);
        assertThat(auth.sessions().read(session.token())).isEmpty();
        assertThat(admin.sendReset(Actor.operator(), ada.id())).isInstanceOf(Result.Done.class);
        assertThat(mailer.lastTo("ada@example.org", Mail.PasswordReset.class)).isPresent();
        assertThat(auditDetails(ada.id())).containsExactly("send-reset by operator", "revoke-sessions by admin 7");
    }

    @Test
    void aLockRefusesPasswordSignInAndTheApiKeyAndEndsSessionsUntilUnlocked() {
        User ada = create("ada", "ada@example.org", true);
        IssuedSession session = auth.sessions().issue(ada);
        String key = ada.apiKey().orElseThrow().value();
        clock.advance(Duration.ofSeconds(1));
        var signIn = new org.openml.auth.core.port.in.PasswordSignIn.SignInCommand("ada@example.org", "correct horse battery staple",
                "192.0.2.1");

        assertThat(admin.lock(new Actor(Optional.of(new UserId(7)), "203.0.113.1"), ada.id())).isInstanceOf(Result.Done.class);

        assertThat(auth.sessions().read(session.token())).isEmpty();
        assertThat(auth.passwordSignIn().signIn(signIn))
                .isInstanceOf(org.openml.auth.core.port.in.PasswordSignIn.SignInResult.InvalidCredentials.class);
        assertThat(auth.apiKeys().authenticate(key)).isEmpty();
        assertThat(admin.show("ada")).get().satisfies(a -> assertThat(a.locked()).isTrue());
        assertThat(admin.lock(Actor.operator(), ada.id())).isEqualTo(new Result.Done("locked already"));

        assertThat(admin.unlock(Actor.operator(), ada.id())).isEqualTo(new Result.Done("unlocked"));
        assertThat(auth.passwordSignIn().signIn(signIn))
                .isInstanceOf(org.openml.auth.core.port.in.PasswordSignIn.SignInResult.SignedIn.class);
        assertThat(auth.apiKeys().authenticate(key)).isPresent();
        assertThat(auditDetails(ada.id())).containsExactly("unlock by operator", "lock by admin 7");
    }

    @Test
    void deleteFollowsOpenMLsRuleAndUnknownAccountsAreRefused() {
        User ada = create("ada", "ada@example.org", true);
        User grace = create("grace", "grace@navy.example", true);
        uploads.add(grace.id());

        assertThat(admin.delete(Actor.operator(), ada.id())).isEqualTo(new Result.Done("deleted"));
        assertThat(stores.users().findById(ada.id())).isEmpty();
        assertThat(admin.delete(Actor.operator(), grace.id())).isEqualTo(new Result.Done("anonymised (the account has uploads)"));
        assertThat(stores.users().findById(grace.id()).orElseThrow().email().value()).startsWith("deleted-");
        assertThat(admin.confirm(Actor.operator(), ada.id())).isInstanceOf(Result.Refused.class);
        assertThat(mailer.lastTo("ada@example.org", Mail.SecurityNotice.class)).isPresent();
    }
}
