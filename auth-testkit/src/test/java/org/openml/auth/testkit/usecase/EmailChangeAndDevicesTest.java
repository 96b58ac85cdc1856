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
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.AccountSettings.Refused;
import org.openml.auth.core.port.in.Devices;
import org.openml.auth.core.port.in.EmailChange;
import org.openml.auth.core.port.in.EmailChange.ConfirmResult;
import org.openml.auth.core.port.in.EmailChange.RequestCommand;
import org.openml.auth.core.port.in.EmailChange.RequestResult;
import org.openml.auth.core.port.in.EmailChange.RevertResult;
import org.openml.auth.core.port.in.PasswordSignIn.SignInCommand;
import org.openml.auth.core.port.in.PasswordSignIn.SignInResult;
import org.openml.auth.core.port.in.Sessions.SeenFrom;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** Changing the address and the list of devices, called on the core directly. */
class EmailChangeAndDevicesTest {
    static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
    static final String PASSWORD = "correct horse battery staple";
    static final String IP = "192.0.2.8";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
            + " Version/17.5 Mobile/15E148 Safari/604.1";

    final MutableClock clock = new MutableClock(T0);
    final RecordingMailer mailer = new RecordingMailer();
    final PasswordHasher hasher = new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of());
    InMemoryStores stores;
    AuthServices auth;
    EmailChange change;
    User ada;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create();
        auth = build(false);
        change = auth.emailChange();
        ada = ((UserStore.CreateResult.Created) stores.users().create(new NewUser(new Username("ada"), new Email("ada@example.org"),
                "Ada", "Lovelace", hasher.hash(new RawPassword(PASSWORD)), true, new ApiKey("0123456789abcdef0123456789abcdef"),
                "127.0.0.1", T0))).user();
    }

    private AuthServices build(boolean strict) {
        return AuthServices.builder().stores(stores).passwordHasher(hasher).mailer(mailer).clock(clock)
                .publicUrl(URI.create("http://localhost:3050")).sessionSecret("email-change-test-secret-0123456789abcdef")
                .auditExecutor(Runnable::run).enumerationProtection(strict).build();
    }

    private IssuedSession signIn() {
        return ((SignInResult.SignedIn) auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, IP))).session();
    }

    private String tokenOf(String to, Class<? extends Mail> kind) {
        return RecordingMailer.tokenOf(mailer.lastTo(to, kind).orElseThrow().link());
    }

    // ---- email ----

    @Test
    void nothingChangesUntilTheNewAddressIsProvenThenTheOldOneCanUndoIt() {
        IssuedSession here = signIn();
        IssuedSession elsewhere = signIn();
        clock.advance(Duration.ofSeconds(1));

        assertThat(change.request(new RequestCommand(here.session(), "ada.new@example.org", null, IP)))
                .isInstanceOf(RequestResult.LinkSent.class);
        assertThat(stores.users().findById(ada.id()).orElseThrow().email().value()).isEqualTo("ada@example.org");

        String confirm = tokenOf("ada.new@example.org", Mail.EmailChangeConfirmation.class);
        ConfirmResult result = change.confirm(confirm, Optional.of(here.session()), IP);

        assertThat(result).isInstanceOf(ConfirmResult.Changed.class);
        assertThat(stores.users().findById(ada.id()).orElseThrow().email().value()).isEqualTo("ada.new@example.org");
        assertThat(auth.sessions().read(elsewhere.token())).as("other sessions end").isEmpty();
        IssuedSession reissued = ((ConfirmResult.Changed) result).session().orElseThrow();
        assertThat(auth.sessions().read(reissued.token())).isPresent();
        assertThat(change.confirm(confirm, Optional.empty(), IP)).as("single use")
                .isEqualTo(new Refused(ErrorCode.EMAIL_CHANGE_LINK_INVALID));
        Mail.SecurityNotice notice = mailer.lastTo("ada@example.org", Mail.SecurityNotice.class).orElseThrow();
        assertThat(notice.change()).isEqualTo(Mail.SecurityNotice.Change.EMAIL_CHANGED);

        // The undo: the old address back, every session gone, the password unusable, a reset link mailed.
        clock.advance(Duration.ofSeconds(1));
        String undo = RecordingMailer.tokenOf(notice.link());
        assertThat(change.revert(undo, IP)).isEqualTo(new RevertResult.Reverted(new Email("ada@example.org")));
        assertThat(stores.users().findById(ada.id()).orElseThrow().email().value()).isEqualTo("ada@example.org");
        assertThat(auth.sessions().read(reissued.token())).isEmpty();
        assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, IP)))
                .isInstanceOf(SignInResult.InvalidCredentials.class);
        assertThat(mailer.lastTo("ada@example.org", Mail.PasswordReset.class)).isPresent();
        assertThat(change.revert(undo, IP)).isEqualTo(new Refused(ErrorCode.EMAIL_CHANGE_LINK_INVALID));
        assertThat(auth.accountActivity().recent(ada.id(), 20)).extracting(AuditEvent::type)
                .contains(AuditEvent.Type.EMAIL_CHANGED, AuditEvent.Type.EMAIL_CHANGE_REVERTED);
    }

    @Test
    void anUndoAlsoVoidsAChangeThatWasStillPending() {
        IssuedSession here = signIn();
        change.request(new RequestCommand(here.session(), "first@example.org", null, IP));
        change.confirm(tokenOf("first@example.org", Mail.EmailChangeConfirmation.class), Optional.empty(), IP);
        String undo = RecordingMailer.tokenOf(mailer.lastTo("ada@example.org", Mail.SecurityNotice.class).orElseThrow().link());
        IssuedSession again = auth.sessions().issue(stores.users().findById(ada.id()).orElseThrow());
        change.request(new RequestCommand(again.session(), "second@example.org", null, IP));
        String pending = tokenOf("second@example.org", Mail.EmailChangeConfirmation.class);

        change.revert(undo, IP);

        assertThat(change.confirm(pending, Optional.empty(), IP)).isEqualTo(new Refused(ErrorCode.EMAIL_CHANGE_LINK_INVALID));
        assertThat(stores.users().findById(ada.id()).orElseThrow().email().value()).isEqualTo("ada@example.org");
    }

    @Test
    void aTakenAddressIsRefusedOrUnderStrictModeAnsweredAlikeWithoutMail() {
        stores.users().create(new NewUser(new Username("bob"), new Email("bob@example.org"), "Bob", "B",
                hasher.hash(new RawPassword(PASSWORD)), true, new ApiKey("fedcba9876543210fedcba9876543210"), "127.0.0.1", T0));
        IssuedSession here = signIn();

        assertThat(change.request(new RequestCommand(here.session(), "BOB@example.org", null, IP)))
                .isEqualTo(new Refused(ErrorCode.EMAIL_TAKEN));
        assertThat(build(true).emailChange().request(new RequestCommand(here.session(), "bob@example.org", null, IP)))
                .isInstanceOf(RequestResult.LinkSent.class);
        assertThat(mailer.lastTo("bob@example.org", Mail.EmailChangeConfirmation.class)).isEmpty();
    }

    @Test
    void anExpiredLinkAndBadInputChangeNothing() {
        IssuedSession here = signIn();
        assertThatThrownBy(() -> change.request(new RequestCommand(here.session(), "not an address", null, IP)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(change.request(new RequestCommand(here.session(), "ADA@example.org", null, IP)))
                .isEqualTo(new Refused(ErrorCode.EMAIL_UNCHANGED));
        change.request(new RequestCommand(here.session(), "late@example.org", null, IP));
        clock.advance(Duration.ofHours(25));

        assertThat(change.confirm(tokenOf("late@example.org", Mail.EmailChangeConfirmation.class), Optional.empty(), IP))
                .isEqualTo(new Refused(ErrorCode.EMAIL_CHANGE_LINK_EXPIRED));
        assertThat(change.confirm("f".repeat(64), Optional.empty(), IP)).isEqualTo(new Refused(ErrorCode.EMAIL_CHANGE_LINK_INVALID));
        assertThatThrownBy(() -> change.confirm(" ", Optional.empty(), IP)).isInstanceOf(InvalidInputException.class);
        assertThat(change.request(new RequestCommand(here.session(), "other@example.org", null, IP)))
                .as("11 minutes and more after the sign-in").isEqualTo(new Refused(ErrorCode.REAUTHENTICATION_REQUIRED));
        assertThat(stores.users().findById(ada.id()).orElseThrow().email().value()).isEqualTo("ada@example.org");
    }

    // ---- devices ----

    @Test
    void eachSessionIsListedFromItsFirstReadAndOneCanBeSignedOutEverywhere() {
        IssuedSession laptop = signIn();
        IssuedSession phone = signIn();
        auth.sessions().read(laptop.token(), new SeenFrom("198.51.100.1", FIREFOX));
        auth.sessions().read(phone.token(), new SeenFrom("203.0.113.5", IPHONE));

        List<Devices.Device> list = auth.devices().list(laptop.session());

        assertThat(list).extracting(Devices.Device::device).containsExactlyInAnyOrder("Firefox on Linux", "Safari on iPhone");
        assertThat(list).filteredOn(Devices.Device::current).singleElement()
                .satisfies(d -> assertThat(d.ipAddress()).isEqualTo("198.51.100.1"));
        assertThat(list).allSatisfy(d -> assertThat(d.method()).isEqualTo("password"));

        assertThat(auth.devices().signOut(laptop.session(), phone.session().id(), IP)).isInstanceOf(Devices.EndResult.Ended.class);
        assertThat(auth.sessions().read(phone.token())).as("refused from its next request").isEmpty();
        assertThat(auth.sessions().read(laptop.token())).isPresent();
        assertThat(auth.devices().list(laptop.session())).hasSize(1);
        assertThat(auth.devices().signOut(laptop.session(), phone.session().id(), IP)).isEqualTo(new Refused(ErrorCode.SESSION_NOT_FOUND));
    }

    @Test
    void aRefreshedSessionStaysOneDeviceAndItsLastSeenIsWrittenAtMostOnceAMinute() {
        IssuedSession laptop = signIn();
        auth.sessions().read(laptop.token(), new SeenFrom(IP, FIREFOX));
        clock.advance(Duration.ofSeconds(30));
        IssuedSession refreshed = auth.sessions().refresh(auth.sessions().read(laptop.token(), new SeenFrom(IP, FIREFOX)).orElseThrow());
        assertThat(auth.devices().list(laptop.session())).singleElement().satisfies(d -> assertThat(d.lastSeenAt()).isEqualTo(T0));

        clock.advance(Duration.ofSeconds(31));
        auth.sessions().read(refreshed.token(), new SeenFrom(IP, FIREFOX));

        assertThat(auth.devices().list(refreshed.session())).singleElement()
                .satisfies(d -> assertThat(d.lastSeenAt()).isEqualTo(T0.plusSeconds(61)))
                .satisfies(d -> assertThat(d.current()).isTrue());
    }

    @Test
    void signingOutEndsTheTokenServerSideAndSignOutEverywhereEmptiesTheList() {
        IssuedSession laptop = signIn();
        IssuedSession phone = signIn();
        auth.sessions().read(laptop.token(), new SeenFrom(IP, FIREFOX));
        auth.sessions().read(phone.token(), new SeenFrom(IP, IPHONE));

        auth.sessions().end(phone.session());
        assertThat(auth.sessions().read(phone.token())).as("a copied cookie is refused after sign-out").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        auth.sessions().signOutEverywhere(ada.id(), IP);
        IssuedSession fresh = signIn();
        auth.sessions().read(fresh.token(), new SeenFrom(IP, FIREFOX));
        assertThat(auth.devices().list(fresh.session())).singleElement().satisfies(d -> assertThat(d.current()).isTrue());
    }

    @Test
    void aSessionReadIsOneStoreCheck() {
        IssuedSession laptop = signIn();
        int before = stores.deviceSessions().checks();
        for (int i = 0; i < 5; i++) auth.sessions().read(laptop.token(), new SeenFrom(IP, FIREFOX));
        assertThat(stores.deviceSessions().checks() - before).isEqualTo(5);
        auth.sessions().read("not-a-token", new SeenFrom(IP, FIREFOX));
        assertThat(stores.deviceSessions().checks() - before).isEqualTo(5);
    }
}
