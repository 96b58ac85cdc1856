package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;

/**
 * Issue 16, finding 1, end to end on the standalone server: an attacker signs up with a passkey
 * for the victim's address, then the victim signs in with Google (mock-oauth2-server) whose
 * verified email is that address. The pre-claimer's passkey, session and API key must be gone
 * before the victim gets the account, and the victim is told. A confirmed passkey account links
 * as before. Run on SQLite and on MariaDB by the two subclasses.
 */
abstract class PasskeyPreClaimScenario {
    static final String VICTIM = "victim@example.org";
    static final String CLIENT_ID = "openml-google-client";

    private MockOAuth2Server oidc;
    private AuthServer server;
    final RecordingMailer mailer = new RecordingMailer();
    String origin;

    /** The server's environment on the database under test, listening on {@code port}. */
    abstract Map<String, String> env(int port) throws Exception;

    /** The stored password marker of the victim's account, read from the database directly. */
    abstract String storedPassword(String email);

    /** Rows of this server's unproven_email table for the address's account. */
    abstract long unprovenRows(String email);

    @BeforeEach
    void start() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start(InetAddress.getLoopbackAddress(), 0);
        int port = MysqlNodes.freePort();
        origin = "http://localhost:" + port;
        Map<String, String> env = env(port);
        env.put("GOOGLE_ID", CLIENT_ID);
        env.put("GOOGLE_SECRET", "google-secret");
        env.put("GOOGLE_ISSUER", oidc.issuerUrl("google").toString());
        env.put("RP_ID", "localhost");
        env.put("RP_ORIGIN", origin);
        env.put("AUTH_RATE_LIMITS", "off");
        server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), mailer).start();
        MysqlNodes.awaitReady(MysqlNodes.client(server));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        oidc.shutdown();
    }

    AuthHttpClient browser() {
        return MysqlNodes.client(server);
    }

    /** Step 1: the attacker signs up with a passkey for the victim's address and keeps the key. */
    record PreClaim(SoftwareAuthenticator device, AuthHttpClient session, String apiKey) {}

    PreClaim preClaim(String email) {
        SoftwareAuthenticator device = new SoftwareAuthenticator();
        AuthHttpClient attacker = browser();
        Response options = attacker.postJson("/api/auth/passkey/signup-options",
                Map.of("firstName", "Mallory", "lastName", "Attacker", "email", email));
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        Response signedUp = attacker.postJson("/api/auth/passkey/signup-verify",
                Map.of("credential", device.create(options.json(), origin)));
        assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(200);
        Response key = attacker.get("/api/user/api-key");
        assertThat(key.status()).as(key.body()).isEqualTo(200);
        String apiKey = String.valueOf(key.json().get("apikey"));
        assertThat(apiKey).matches("[0-9a-f]{32}");
        return new PreClaim(device, attacker, apiKey);
    }

    /** The victim's Google sign-in with a verified {@code email}; the browser it ends in. */
    AuthHttpClient googleSignIn(String subject, String email) throws Exception {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("google", subject, "JWT", null,
                Map.of("email", email, "email_verified", true, "given_name", "Vic", "family_name", "Tim"), 3600));
        AuthHttpClient victim = browser();
        Response start = victim.get("/api/auth/signin/google?callbackUrl=/account");
        assertThat(start.status()).as(start.body()).isEqualTo(302);
        HttpResponse<String> atGoogle = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(start.header("Location").orElseThrow())).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(atGoogle.headers().firstValue("Location").orElseThrow(() -> new IOException("no redirect")));
        Response done = victim.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(done.header("Location")).as(done.body()).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
        return victim;
    }

    Response passkeySignIn(SoftwareAuthenticator device) {
        AuthHttpClient someone = browser();
        Response login = someone.get("/api/auth/passkey/login-options");
        return someone.postJson("/api/auth/passkey/login-verify", Map.of("credential", device.get(login.json(), origin)));
    }

    /** The background sender delivers; wait for a mail of {@code kind} to {@code email} that {@code test} accepts. */
    <M extends Mail> M awaitMail(String email, Class<M> kind, java.util.function.Predicate<M> test) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(until)) {
            Optional<M> found = mailer.sent().stream().filter(kind::isInstance).map(kind::cast)
                    .filter(m -> m.to().value().equalsIgnoreCase(email)).filter(test).reduce((a, b) -> b);
            if (found.isPresent()) return found.get();
            Thread.sleep(50);
        }
        throw new AssertionError("no " + kind.getSimpleName() + " to " + email + " in " + mailer.sent());
    }

    @Test
    void aPassKeyPreClaimedAddressIsWipedBeforeTheVerifiedOwnerGetsIt() throws Exception {
        PreClaim attacker = preClaim(VICTIM);
        // The sign-up asked the address's owner to confirm; the attacker cannot, so it stays unproven.
        awaitMail(VICTIM, Mail.PasskeySignUpConfirmation.class, m -> true);
        assertThat(unprovenRows(VICTIM)).isEqualTo(1);
        assertThat(passkeySignIn(attacker.device()).status()).as("the pre-claimer's passkey works meanwhile").isEqualTo(200);

        AuthHttpClient victim = googleSignIn("victims-google-account", VICTIM);
        Map<String, Object> session = victim.get("/api/auth/session").json();
        assertThat(session).containsKey("user");
        assertThat(String.valueOf(session.get("apikey"))).as("a new API key was made").isNotEqualTo(attacker.apiKey()).matches("[0-9a-f]{32}");

        assertThat(passkeySignIn(attacker.device()).status()).as("the attacker's passkey is gone").isEqualTo(401);
        assertThat(attacker.session().get("/api/auth/session").body()).as("the attacker's session ended").isEqualTo("{}");
        assertThat(browser().get("/api/user/whoami?api_key=" + attacker.apiKey()).status()).as("the attacker's key").isEqualTo(401);
        assertThat(victim.get("/api/auth/passkey/list").json().get("passkeys")).asList().isEmpty();
        assertThat(storedPassword(VICTIM)).isEqualTo("oauth_no_password");
        assertThat(unprovenRows(VICTIM)).as("proven now").isZero();

        Mail.SecurityNotice notice = awaitMail(VICTIM, Mail.SecurityNotice.class,
                n -> n.change() == Mail.SecurityNotice.Change.ACCOUNT_RECLAIMED);
        assertThat(notice.detail()).contains("Google");
        List<Object> types = victim.get("/api/user/activity").json().get("events") instanceof List<?> l
                ? l.stream().map(e -> ((Map<?, ?>) e).get("type")).map(Object.class::cast).toList() : List.of();
        assertThat(types).contains("account_reclaimed", "account_linked");

        AuthHttpClient again = googleSignIn("victims-google-account", VICTIM);
        assertThat(again.get("/api/auth/session").json()).as("signs in again by the link").containsKey("user");
    }

    @Test
    void aPasswordResetOfAPreClaimedAddressWipesItToo() throws Exception {
        PreClaim attacker = preClaim(VICTIM);
        AuthHttpClient victim = browser();
        assertThat(victim.postJson("/api/auth/forgot-password", Map.of("email", VICTIM)).status()).isEqualTo(200);
        Mail.PasswordReset reset = awaitMail(VICTIM, Mail.PasswordReset.class, m -> true);
        Response done = victim.postJson("/api/auth/reset-password", Map.of("token", RecordingMailer.tokenOf(reset.link()),
                "password", "the victim's own passphrase"));
        assertThat(done.status()).as(done.body()).isEqualTo(200);

        assertThat(passkeySignIn(attacker.device()).status()).isEqualTo(401);
        assertThat(browser().get("/api/user/whoami?api_key=" + attacker.apiKey()).status()).isEqualTo(401);
        assertThat(attacker.session().get("/api/auth/session").body()).isEqualTo("{}");
        assertThat(browser().signIn(VICTIM, "the victim's own passphrase").status()).isEqualTo(200);
        awaitMail(VICTIM, Mail.SecurityNotice.class, n -> n.change() == Mail.SecurityNotice.Change.ACCOUNT_RECLAIMED);
        Mail.SecurityNotice changed = awaitMail(VICTIM, Mail.SecurityNotice.class,
                n -> n.change() == Mail.SecurityNotice.Change.PASSWORD_CHANGED);
        assertThat(changed.passkeys()).as("none left to list").isEmpty();
    }

    @Test
    void aConfirmedPasskeyAccountStillLinksNormallyAndKeepsItsPasskeyAndKey() throws Exception {
        PreClaim owner = preClaim("grace@example.org");
        Mail.PasskeySignUpConfirmation confirm = awaitMail("grace@example.org", Mail.PasskeySignUpConfirmation.class, m -> true);
        Response confirmed = browser().get("/api/auth/confirm-email?token=" + RecordingMailer.tokenOf(confirm.link()));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("message").toString()).startsWith("Email confirmed successfully");
        assertThat(unprovenRows("grace@example.org")).isZero();

        AuthHttpClient google = googleSignIn("graces-google-account", "grace@example.org");
        assertThat(google.get("/api/auth/session").json().get("apikey")).isEqualTo(owner.apiKey());
        assertThat(passkeySignIn(owner.device()).status()).as("the owner's passkey still signs in").isEqualTo(200);
        assertThat(owner.session().get("/api/auth/session").json()).as("and their session goes on").containsKey("user");
        awaitMail("grace@example.org", Mail.SecurityNotice.class, n -> n.change() == Mail.SecurityNotice.Change.ACCOUNT_LINKED);
        assertThat(mailer.sent()).noneMatch(m -> m instanceof Mail.SecurityNotice n
                && n.change() == Mail.SecurityNotice.Change.ACCOUNT_RECLAIMED);
    }

    /** A password reset notice lists the passkeys that keep working (issue 16: an intruder may hold one). */
    @Test
    void aResetNoticeListsThePasskeysOfAProvenAccount() throws Exception {
        PreClaim owner = preClaim("ada@example.org");
        Mail.PasskeySignUpConfirmation confirm = awaitMail("ada@example.org", Mail.PasskeySignUpConfirmation.class, m -> true);
        assertThat(browser().get("/api/auth/confirm-email?token=" + RecordingMailer.tokenOf(confirm.link())).status()).isEqualTo(200);
        browser().postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org"));
        Mail.PasswordReset reset = awaitMail("ada@example.org", Mail.PasswordReset.class, m -> true);
        assertThat(browser().postJson("/api/auth/reset-password", Map.of("token", RecordingMailer.tokenOf(reset.link()),
                "password", "ada's brand new passphrase")).status()).isEqualTo(200);
        Mail.SecurityNotice changed = awaitMail("ada@example.org", Mail.SecurityNotice.class,
                n -> n.change() == Mail.SecurityNotice.Change.PASSWORD_CHANGED);
        assertThat(changed.passkeys()).containsExactly("Primary Device");
        assertThat(passkeySignIn(owner.device()).status()).as("a proven account keeps its passkey").isEqualTo(200);
    }
}
