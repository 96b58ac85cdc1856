package org.openml.auth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.javalin.Javalin;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.ApiKeys.RegenerateResult;
import org.openml.auth.core.port.in.PasswordSignIn.SignInCommand;
import org.openml.auth.core.port.in.PasswordSignIn.SignInResult;
import org.openml.auth.core.port.in.Passkeys;
import org.openml.auth.core.port.in.Registration.RegisterCommand;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.mail.SmtpConfig;
import org.openml.auth.mail.SmtpMailer;
import org.openml.auth.password.legacy.LegacyHashFormats;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.TestAuthServer;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;
import org.openml.auth.webauthn.WebAuthnSettings;
import org.openml.auth.webauthn.YubicoPasskeyVerifier;

/**
 * A service that embeds the core and calls the use cases itself, without the HTTP adapter, gets
 * the same audit rows and notice mails as the routes: on a real SQLite file, a real SMTP server
 * (GreenMail), real Argon2 and real WebAuthn verification fed by a software authenticator.
 */
class EmbeddedFlowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = WebAuthnSettings.DEFAULT_ORIGIN;
    private static final String IP = "198.51.100.23";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;
    GreenMail smtp;
    JdbcStores stores;
    AuthServices auth;

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        Clock clock = Clock.systemUTC();
        auth = AuthServices.builder()
                .stores(stores)
                .passkeys(stores.passkeys(), YubicoPasskeyVerifier.create(WebAuthnSettings.defaults(), stores.passkeys(), clock),
                        stores.challenges())
                .passwordHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, LegacyHashFormats.all()))
                .mailer(SmtpMailer.create(SmtpConfig.of("127.0.0.1", smtp.getSmtp().getPort(), false, "auth@openml.test")))
                .auditExecutor(Runnable::run) // refused sign-ins written at once, so the test reads them
                .clock(clock)
                .publicUrl(URI.create(ORIGIN))
                .sessionSecret(TestAuthServer.SECRET)
                .build();
    }

    @AfterEach
    void tearDown() {
        auth.close();
        stores.close();
        smtp.stop();
    }

    @Test
    void signInRegenerateAndPasskeyAddCalledDirectlyWriteTheAuditRowsAndSendTheNotices() throws Exception {
        User ada = registerAndConfirm("ada@example.org");

        SignInResult wrong = auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", "not the password", IP));
        assertThat(wrong).isInstanceOf(SignInResult.InvalidCredentials.class);
        SignInResult signedIn = auth.passwordSignIn().signIn(new SignInCommand("ada@example.org", PASSWORD, IP));
        assertThat(signedIn).isInstanceOf(SignInResult.SignedIn.class);
        // The session comes with the result: the service hands its token to its client, nothing else to call.
        String token = ((SignInResult.SignedIn) signedIn).session().token();
        assertThat(auth.sessions().read(token)).map(s -> s.userId()).contains(ada.id());

        RegenerateResult regenerated = auth.apiKeys().regenerate(ada.id(), IP);
        assertThat(regenerated).isInstanceOf(RegenerateResult.Regenerated.class);
        assertThat(waitForMail("Your OpenML API key was regenerated")).contains(IP);

        Passkeys passkeys = auth.passkeys().orElseThrow();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Passkeys.Ceremony ceremony = ((Passkeys.AddStart.Started) passkeys.startAdding(ada.id(), IP)).ceremony();
        String credential = JSON.writeValueAsString(authenticator.create(options(ceremony), ORIGIN));
        assertThat(passkeys.finishAdding(ada.id(), ceremony.id(), credential, "Laptop", IP)).isInstanceOf(Passkeys.AddResult.Added.class);
        assertThat(waitForMail("A passkey was added to your OpenML account")).contains("Laptop");

        Passkeys.Ceremony signIn = passkeys.startSignIn(IP);
        String assertion = JSON.writeValueAsString(authenticator.get(options(signIn), ORIGIN));
        Passkeys.SignInResult byPasskey = passkeys.finishSignIn(signIn.id(), assertion, IP);
        assertThat(byPasskey).isInstanceOf(Passkeys.SignInResult.SignedIn.class);
        assertThat(((Passkeys.SignInResult.SignedIn) byPasskey).session().session().userId()).isEqualTo(ada.id());

        auth.sessions().signOutEverywhere(ada.id(), IP);
        assertThat(auth.sessions().read(token)).isEmpty();

        // Newest first, one row per event, every one with the caller's address.
        List<AuditEvent> events = auth.accountActivity().recent(ada.id(), 20);
        assertThat(events).extracting(AuditEvent::type, AuditEvent::method).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Type.SIGNED_OUT_EVERYWHERE, Method.SESSION),
                org.assertj.core.groups.Tuple.tuple(Type.SIGN_IN, Method.PASSKEY),
                org.assertj.core.groups.Tuple.tuple(Type.PASSKEY_ADDED, Method.SESSION),
                org.assertj.core.groups.Tuple.tuple(Type.API_KEY_REGENERATED, Method.SESSION),
                org.assertj.core.groups.Tuple.tuple(Type.SIGN_IN, Method.PASSWORD),
                org.assertj.core.groups.Tuple.tuple(Type.SIGN_IN, Method.PASSWORD),
                org.assertj.core.groups.Tuple.tuple(Type.EMAIL_CONFIRMED, Method.EMAIL_LINK),
                org.assertj.core.groups.Tuple.tuple(Type.ACCOUNT_CREATED, Method.PASSWORD));
        assertThat(events.get(5).outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        assertThat(events).extracting(AuditEvent::ipAddress).containsOnly(IP);
    }

    @Test
    void theSameRegenerationThroughTheRoutesWritesTheSameOneRowAndOneMail() throws Exception {
        User ada = registerAndConfirm("ada@example.org");
        Javalin app = DatasetService.create(auth, Clock.systemUTC()).start("127.0.0.1", 0);
        try {
            AuthHttpClient browser = new AuthHttpClient(URI.create("http://127.0.0.1:" + app.port() + "/auth"));
            assertThat(browser.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
            int mailsBefore = smtp.getReceivedMessages().length;

            assertThat(browser.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", browser.csrfToken()).status())
                    .isEqualTo(200);

            assertThat(waitForMail("Your OpenML API key was regenerated")).contains("127.0.0.1");
            assertThat(smtp.getReceivedMessages()).hasSize(mailsBefore + 1);
            List<AuditEvent> events = auth.accountActivity().recent(ada.id(), 20);
            assertThat(events).filteredOn(e -> e.type() == Type.API_KEY_REGENERATED).hasSize(1);
            assertThat(events.get(0).type()).isEqualTo(Type.API_KEY_REGENERATED);
            assertThat(events.get(1).type()).isEqualTo(Type.SIGN_IN);
        } finally {
            app.stop();
        }
    }

    private User registerAndConfirm(String email) throws Exception {
        auth.registration().register(new RegisterCommand("Ada", "Lovelace", email, PASSWORD, IP));
        String body = waitForMail("Welcome to OpenML!");
        Matcher token = Pattern.compile("token=([0-9a-f]{64})").matcher(body);
        assertThat(token.find()).as("a confirmation link in %s", body).isTrue();
        auth.registration().confirmEmail(token.group(1), IP);
        return stores.users().findByEmail(new Email(email)).orElseThrow();
    }

    /** The body of the newest mail with this subject, waiting for it up to 10 s. */
    private String waitForMail(String subject) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            MimeMessage[] received = smtp.getReceivedMessages();
            for (int i = received.length - 1; i >= 0; i--) {
                if (subject.equals(received[i].getSubject())) return GreenMailUtil.getBody(received[i]);
            }
            smtp.waitForIncomingEmail(200, received.length + 1);
        }
        throw new AssertionError("no mail '" + subject + "' among " + Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                return "?";
            }
        }).toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> options(Passkeys.Ceremony ceremony) throws Exception {
        return JSON.readValue(ceremony.optionsJson(), Map.class);
    }
}
