package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.session.NextAuthSessionCodec;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/**
 * Revocation of existing sessions through the per-user "valid after" cut-off: sign-out
 * everywhere, password reset, email confirmation; revoked cookies are refused and cleared
 * everywhere they are presented. The clock moves at least a millisecond between a sign-in and a
 * revocation, as real requests do (a session signed in within the revocation's millisecond
 * survives; see SessionService).
 */
class SessionRevocationRoutesTest {
    static final String PASSWORD = "correct horse battery staple";
    static final String NEW_PASSWORD = "a whole new passphrase 42";
    static final String SESSION_COOKIE = "next-auth.session-token";

    TestAuthServer server;

    @BeforeEach
    void start() {
        server = TestAuthServer.start();
        Accounts.registerConfirmed(server, "ada@example.org", PASSWORD);
        Accounts.registerConfirmed(server, "bob@example.org", PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AuthHttpClient signedIn(String email, String password) {
        AuthHttpClient browser = server.newClient();
        assertThat(browser.signIn(email, password).status()).isEqualTo(200);
        return browser;
    }

    private static boolean signedIn(AuthHttpClient browser) {
        return browser.get("/api/auth/session").json().containsKey("user");
    }

    private static Response signOutEverywhere(AuthHttpClient browser) {
        return browser.postForm("/api/auth/signout-everywhere", Map.of("csrfToken", browser.csrfToken(), "json", "true"));
    }

    private static void assertClearsTheCookie(Response r) {
        assertThat(r.headerValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith(SESSION_COOKIE + "=;")
                .contains("Max-Age=0"));
    }

    @Test
    void signOutEverywhereEndsEverySessionOfTheUserAndNoOneElses() {
        AuthHttpClient laptop = signedIn("ada@example.org", PASSWORD);
        AuthHttpClient phone = signedIn("ada@example.org", PASSWORD);
        AuthHttpClient bob = signedIn("bob@example.org", PASSWORD);
        String phoneToken = phone.cookie(SESSION_COOKIE).orElseThrow();
        server.clock().advance(Duration.ofMillis(1));

        Response r = signOutEverywhere(laptop);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("url", server.baseUrl().toString());
        assertClearsTheCookie(r);
        assertThat(signedIn(laptop)).isFalse();
        Response phoneSession = phone.get("/api/auth/session");
        assertThat(phoneSession.body()).as("GET /api/auth/session answers {} for a revoked session").isEqualTo("{}");
        assertClearsTheCookie(phoneSession);
        assertThat(server.newClient().get("/api/auth/session", "Authorization", "Bearer " + phoneToken).body())
                .as("the same token as a Bearer header").isEqualTo("{}");
        assertThat(signedIn(bob)).as("another user's session").isTrue();

        AuthHttpClient again = signedIn("ada@example.org", PASSWORD);
        assertThat(signedIn(again)).as("a new sign-in after the revocation").isTrue();
    }

    @Test
    void revokedCookiesGet401OnApiRoutesAndAreCleared() {
        AuthHttpClient laptop = signedIn("ada@example.org", PASSWORD);
        AuthHttpClient phone = signedIn("ada@example.org", PASSWORD);
        assertThat(phone.get("/api/user/api-key").status()).isEqualTo(200);
        String revoked = phone.cookie(SESSION_COOKIE).orElseThrow();
        server.clock().advance(Duration.ofSeconds(3));
        assertThat(signOutEverywhere(laptop).status()).isEqualTo(200);

        for (String path : List.of("/api/user/api-key", "/api/auth/passkey/list")) {
            AuthHttpClient holder = server.newClient();
            holder.setCookie(SESSION_COOKIE, revoked);
            Response r = holder.get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.json()).as(path).containsEntry("code", "unauthorized");
            assertClearsTheCookie(r);
        }
        AuthHttpClient holder = server.newClient();
        holder.setCookie(SESSION_COOKIE, revoked);
        Response regenerate = holder.postJson("/api/user/api-key/regenerate", Map.of(), "Origin", server.baseUrl().toString());
        assertThat(regenerate.status()).isEqualTo(401);
        assertClearsTheCookie(regenerate);
    }

    @Test
    void signOutEverywhereNeedsASessionAndTheCsrfTokenForCookies() {
        AuthHttpClient stranger = server.newClient();
        Response anonymous = signOutEverywhere(stranger);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json()).containsEntry("code", "unauthorized");

        AuthHttpClient ada = signedIn("ada@example.org", PASSWORD);
        AuthHttpClient other = signedIn("ada@example.org", PASSWORD);
        server.clock().advance(Duration.ofSeconds(1));
        Response noToken = ada.postForm("/api/auth/signout-everywhere", Map.of("json", "true"));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.json()).containsEntry("code", "csrf_failed");
        Response sameOriginOnly = ada.postForm("/api/auth/signout-everywhere", Map.of("json", "true"),
                "Origin", server.baseUrl().toString());
        assertThat(sameOriginOnly.status()).as("like sign-out: the token, not just the origin").isEqualTo(403);
        Response foreignToken = ada.postForm("/api/auth/signout-everywhere",
                Map.of("csrfToken", stranger.csrfToken(), "json", "true"));
        assertThat(foreignToken.status()).as("a token from another browser's cookie").isEqualTo(403);
        assertThat(signedIn(other)).as("a refused request revokes nothing").isTrue();

        String bearer = other.cookie(SESSION_COOKIE).orElseThrow();
        Response byBearer = server.newClient().postJson("/api/auth/signout-everywhere", Map.of(),
                "Authorization", "Bearer " + bearer);
        assertThat(byBearer.status()).as("a Bearer token is not sent by browsers on their own").isEqualTo(200);
        assertThat(signedIn(ada)).isFalse();
        assertThat(signedIn(other)).isFalse();
    }

    @Test
    void plainFormPostsAreRedirectedToTheSameOriginOnly() {
        AuthHttpClient ada = signedIn("ada@example.org", PASSWORD);
        server.clock().advance(Duration.ofMillis(5));
        Response r = ada.postForm("/api/auth/signout-everywhere",
                Map.of("csrfToken", ada.csrfToken(), "callbackUrl", "https://evil.example/"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).contains(server.baseUrl().toString());
        assertThat(signedIn(ada)).isFalse();
    }

    @Test
    void aPasswordResetEndsTheSessionsThatExistedBeforeIt() {
        AuthHttpClient attacker = signedIn("ada@example.org", PASSWORD);
        server.clock().advance(Duration.ofMinutes(1));
        AuthHttpClient ada = server.newClient();
        ada.postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org"));
        String token = RecordingMailer.tokenOf(server.mailer().lastTo("ada@example.org", Mail.PasswordReset.class)
                .orElseThrow().link());

        assertThat(ada.postJson("/api/auth/reset-password", Map.of("token", token, "password", NEW_PASSWORD)).status())
                .isEqualTo(200);

        assertThat(attacker.get("/api/auth/session").body()).isEqualTo("{}");
        assertThat(attacker.get("/api/user/api-key").status()).isEqualTo(401);
        assertThat(signedIn(signedIn("ada@example.org", NEW_PASSWORD))).as("sign-in with the new password").isTrue();
    }

    @Test
    void aRefusedResetRevokesNothing() {
        AuthHttpClient ada = signedIn("ada@example.org", PASSWORD);
        User user = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
        Optional<Instant> cutoff = server.stores().sessionRevocations().validAfter(user.id());
        server.clock().advance(Duration.ofMinutes(1));
        Response bad = server.newClient().postJson("/api/auth/reset-password", Map.of("token", "0".repeat(64),
                "password", NEW_PASSWORD));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(signedIn(ada)).isTrue();
        assertThat(server.stores().sessionRevocations().validAfter(user.id())).as("unchanged since the confirmation")
                .isEqualTo(cutoff);
    }

    @Test
    void confirmingTheEmailEndsSessionsMadeBeforeIt() {
        Accounts.registerUnconfirmed(server, "eve@example.org", PASSWORD);
        User eve = server.stores().users().findByEmail(new Email("eve@example.org")).orElseThrow();
        // A session for the unconfirmed account, as another front end with the same secret could mint.
        Instant now = server.clock().instant();
        String planted = new NextAuthSessionCodec(TestAuthServer.SECRET, List.of())
                .encode(Session.of(eve, now, now.truncatedTo(ChronoUnit.SECONDS), now.plus(Duration.ofHours(2)), "planted"));
        AuthHttpClient holder = server.newClient();
        holder.setCookie(SESSION_COOKIE, planted);
        assertThat(signedIn(holder)).isTrue();
        server.clock().advance(Duration.ofSeconds(2));

        String token = RecordingMailer.tokenOf(server.mailer().lastTo("eve@example.org", Mail.Confirmation.class)
                .orElseThrow().link());
        assertThat(server.newClient().get("/api/auth/confirm-email?token=" + token).status()).isEqualTo(200);

        assertThat(holder.get("/api/auth/session").body()).isEqualTo("{}");
        assertThat(signedIn(signedIn("eve@example.org", PASSWORD))).isTrue();
    }

    @Test
    void aSignInWithinTheSameSecondAfterARevocationIsValid() {
        // iat has whole seconds: comparing it would refuse this session. signedInAt has milliseconds.
        Instant second = tomorrow();
        server.clock().set(second.plusMillis(100));
        AuthHttpClient old = signedIn("ada@example.org", PASSWORD);
        server.clock().set(second.plusMillis(400));
        assertThat(signOutEverywhere(old).status()).isEqualTo(200);
        server.clock().set(second.plusMillis(700));

        AuthHttpClient fresh = signedIn("ada@example.org", PASSWORD);

        assertThat(signedIn(fresh)).isTrue();
        Session session = decode(fresh.cookie(SESSION_COOKIE).orElseThrow());
        assertThat(session.issuedAt()).isEqualTo(second);
        assertThat(session.signedInAt()).isEqualTo(second.plusMillis(700));
    }

    @Test
    void refreshesKeepTheSignInTimeSoARevocationStillReachesARefreshedSession() {
        Instant second = tomorrow();
        server.clock().set(second.plusMillis(250));
        AuthHttpClient laptop = signedIn("ada@example.org", PASSWORD);
        server.clock().advance(Duration.ofMinutes(90));
        assertThat(signedIn(laptop)).as("refreshes the cookie").isTrue();
        Session refreshed = decode(laptop.cookie(SESSION_COOKIE).orElseThrow());
        assertThat(refreshed.issuedAt()).isEqualTo(second.plus(Duration.ofMinutes(90)));
        assertThat(refreshed.signedInAt()).isEqualTo(second.plusMillis(250));

        // A cut-off between the sign-in and the refresh (written by another node meanwhile) still applies.
        User ada = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
        server.stores().sessionRevocations().revokeBefore(ada.id(), second.plus(Duration.ofMinutes(30)));
        assertThat(laptop.get("/api/auth/session").body()).isEqualTo("{}");
    }

    /** A whole second a day ahead: later than the cut-off the accounts' confirmation left. */
    private Instant tomorrow() {
        return server.clock().instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    private Session decode(String token) {
        return new NextAuthSessionCodec(TestAuthServer.SECRET, List.of()).decode(token, server.clock().instant()).orElseThrow();
    }
}
