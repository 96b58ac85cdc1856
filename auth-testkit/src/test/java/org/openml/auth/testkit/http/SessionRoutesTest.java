package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.password.Argon2Parameters;
import org.openml.auth.core.session.NextAuthSessionCodec;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;

class SessionRoutesTest {
    static final String PASSWORD = "correct horse battery staple";
    static final String SESSION_COOKIE = "next-auth.session-token";

    TestAuthServer server;
    AuthHttpClient browser;

    @BeforeEach
    void start() {
        server = TestAuthServer.start();
        browser = server.newClient();
        Accounts.registerConfirmed(server, "ada@example.org", PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void csrfRouteSetsTheNextAuthCookieAndKeepsAGenuineToken() {
        Response r = browser.get("/api/auth/csrf");

        String token = (String) r.json().get("csrfToken");
        assertThat(token).matches("[0-9a-f]{64}");
        String setCookie = r.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("next-auth.csrf-token=" + token + "%7C").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/");
        assertThat(browser.get("/api/auth/csrf").json()).containsEntry("csrfToken", token);
    }

    @Test
    void providersListsTheCredentialsProvider() {
        @SuppressWarnings("unchecked")
        Map<String, Object> credentials = (Map<String, Object>) browser.get("/api/auth/providers").json().get("credentials");
        assertThat(credentials).containsEntry("id", "credentials").containsEntry("type", "credentials")
                .containsEntry("callbackUrl", server.baseUrl() + "/api/auth/callback/credentials");
    }

    @Test
    void signInByEmailOrUsernameSetsASessionThatTheSessionRouteShows() {
        Response r = browser.signIn("ADA@example.org", PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("url", server.baseUrl().toString());
        assertThat(r.headerValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith(SESSION_COOKIE + "=")
                .contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure"));
        Map<String, Object> session = browser.get("/api/auth/session").json();
        User ada = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
        assertThat(session).containsEntry("apikey", ada.apiKey().orElseThrow().value()).containsKey("expires");
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) session.get("user");
        assertThat(user).containsEntry("id", Long.toString(ada.id().value())).containsEntry("name", "Ada Lovelace")
                .containsEntry("email", "ada@example.org").containsEntry("username", "ada").containsEntry("firstName", "Ada")
                .containsEntry("lastName", "Lovelace").containsEntry("isLocalUser", true).containsEntry("image", null);

        AuthHttpClient other = server.newClient();
        assertThat(other.signIn("ada", PASSWORD).status()).as("by username").isEqualTo(200);
    }

    @Test
    void wrongPasswordUnknownUserAndUnconfirmedAccountGetTheSameAnswer() {
        Accounts.registerUnconfirmed(server, "bob@example.org", PASSWORD);
        List<Response> answers = List.of(browser.signIn("ada@example.org", "wrong password"),
                browser.signIn("nobody@example.org", PASSWORD), browser.signIn("bob@example.org", PASSWORD),
                browser.signIn("", PASSWORD));

        for (Response r : answers) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).isEqualTo(answers.get(0).body());
            assertThat(r.json()).containsEntry("url", server.baseUrl() + "/auth/error?error=CredentialsSignin");
            assertThat(r.headerValues("Set-Cookie")).noneMatch(c -> c.startsWith(SESSION_COOKIE));
        }
        assertThat(browser.get("/api/auth/session").body()).isEqualTo("{}");
    }

    @Test
    void signInWithoutOrWithAWrongCsrfTokenIsForbidden() {
        Map<String, String> form = Map.of("email", "ada@example.org", "password", PASSWORD, "json", "true");
        Response none = browser.postForm("/api/auth/callback/credentials", form);
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.json()).containsEntry("url", server.baseUrl() + "/auth/sign-in?csrf=true").containsEntry("code", "csrf_failed");

        browser.csrfToken();
        Response wrong = browser.postForm("/api/auth/callback/credentials",
                Map.of("csrfToken", "f".repeat(64), "email", "ada@example.org", "password", PASSWORD, "json", "true"));
        assertThat(wrong.status()).isEqualTo(403);

        AuthHttpClient attacker = server.newClient();
        String attackerToken = attacker.csrfToken();
        Response foreign = browser.postForm("/api/auth/callback/credentials",
                Map.of("csrfToken", attackerToken, "email", "ada@example.org", "password", PASSWORD, "json", "true"));
        assertThat(foreign.status()).as("a token from another browser's cookie").isEqualTo(403);
        assertThat(browser.get("/api/auth/session").body()).isEqualTo("{}");
    }

    @Test
    void plainFormPostsAreRedirectedAndCallbackUrlsStayOnTheOrigin() {
        String csrf = browser.csrfToken();
        Response ok = browser.postForm("/api/auth/callback/credentials", Map.of("csrfToken", csrf, "email", "ada@example.org",
                "password", PASSWORD, "callbackUrl", "/account"));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(ok.header("Location")).contains(server.baseUrl() + "/account");

        Response evil = signInWithCallback(csrf, "https://evil.example/steal");
        assertThat(evil.json()).containsEntry("url", server.baseUrl().toString());
        Response sneaky = signInWithCallback(csrf, "//evil.example/steal");
        assertThat(sneaky.json()).containsEntry("url", server.baseUrl().toString());
        Response same = signInWithCallback(csrf, server.baseUrl() + "/datasets?x=1");
        assertThat(same.json()).containsEntry("url", server.baseUrl() + "/datasets?x=1");
    }

    Response signInWithCallback(String csrf, String callbackUrl) {
        return browser.postForm("/api/auth/callback/credentials", Map.of("csrfToken", csrf, "email", "ada@example.org",
                "password", PASSWORD, "callbackUrl", callbackUrl, "json", "true"));
    }

    @Test
    void tamperedForeignAndExpiredSessionCookiesAreRejectedAndCleared() {
        browser.signIn("ada@example.org", PASSWORD);
        String token = browser.cookie(SESSION_COOKIE).orElseThrow();

        AuthHttpClient tampered = server.newClient();
        char last = token.charAt(token.length() - 2);
        tampered.setCookie(SESSION_COOKIE, token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1));
        Response r = tampered.get("/api/auth/session");
        assertThat(r.body()).isEqualTo("{}");
        assertThat(r.header("Set-Cookie")).get().asString().startsWith(SESSION_COOKIE + "=;").contains("Max-Age=0");

        User ada = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
        Instant now = server.clock().instant();
        String foreign = new NextAuthSessionCodec("some-other-secret-0123456789abcdef", List.of())
                .encode(Session.of(ada, now, now.plus(Duration.ofHours(2)), "id"));
        AuthHttpClient forger = server.newClient();
        forger.setCookie(SESSION_COOKIE, foreign);
        assertThat(forger.get("/api/auth/session").body()).isEqualTo("{}");

        server.clock().advance(Duration.ofHours(2).plusSeconds(16));
        assertThat(browser.get("/api/auth/session").body()).isEqualTo("{}");
    }

    @Test
    void readingTheSessionSlidesItsExpiry() {
        browser.signIn("ada@example.org", PASSWORD);
        server.clock().advance(Duration.ofMinutes(90));
        assertThat(browser.get("/api/auth/session").json()).containsKey("user");
        server.clock().advance(Duration.ofMinutes(90));
        assertThat(browser.get("/api/auth/session").json()).as("3 h after sign-in, 90 min after the last read").containsKey("user");
        assertThat(browser.get("/api/auth/session").json().get("expires"))
                .isEqualTo(server.clock().instant().plus(Duration.ofHours(2)).toString());
    }

    @Test
    void bearerTokensWorkLikeTheCookie() {
        browser.signIn("ada@example.org", PASSWORD);
        String token = browser.cookie(SESSION_COOKIE).orElseThrow();

        Response r = server.newClient().get("/api/auth/session", "Authorization", "Bearer " + token);
        assertThat(r.json()).containsKey("user");
    }

    @Test
    void signOutNeedsTheCsrfTokenAndClearsTheCookie() {
        browser.signIn("ada@example.org", PASSWORD);

        Response refused = browser.postForm("/api/auth/signout", Map.of("json", "true"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(browser.get("/api/auth/session").json()).containsKey("user");

        Response r = browser.postForm("/api/auth/signout", Map.of("csrfToken", browser.csrfToken(), "json", "true"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("url", server.baseUrl().toString());
        assertThat(browser.get("/api/auth/session").body()).isEqualTo("{}");
    }

    @Test
    void legacyPasswordHashesAreUpgradedAfterASuccessfulSignIn() {
        User ada = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
        // MD5 of "correct horse battery staple", as the legacy PHP site stored it.
        server.stores().users().updatePasswordHash(ada.id(), new org.openml.auth.core.domain.PasswordHash("9cc2ae8a1ba7a93da39b46fc1019c481"));

        assertThat(browser.signIn("ada@example.org", "wrong password").status()).isEqualTo(401);
        assertThat(browser.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);

        String stored = server.stores().users().findById(ada.id()).orElseThrow().passwordHash().encoded();
        assertThat(stored).startsWith("$argon2i$v=19$");
        assertThat(server.newClient().signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aFullHashingQueueAnswers503WithRetryAfter() throws Exception {
        try (TestAuthServer busy = TestAuthServer.start(Argon2Parameters.OPENML, 1, 0)) {
            Accounts.registerConfirmed(busy, "ada@example.org", PASSWORD);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Timed>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    AuthHttpClient c = busy.newClient();
                    String csrf = c.csrfToken();
                    answers.add(pool.submit(() -> {
                        long start = System.nanoTime();
                        Response r = c.postForm("/api/auth/callback/credentials",
                                Map.of("csrfToken", csrf, "email", "ada@example.org", "password", PASSWORD, "json", "true"));
                        return new Timed(r, Duration.ofNanos(System.nanoTime() - start));
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                Optional<Timed> refused = Optional.empty();
                for (Future<Timed> f : answers) {
                    Timed t = f.get();
                    statuses.add(t.response().status());
                    if (t.response().status() == 503) refused = Optional.of(t);
                }
                assertThat(statuses).containsOnly(200, 503).contains(503);
                assertThat(refused.orElseThrow().response().header("Retry-After")).contains("1");
                assertThat(refused.orElseThrow().response().json()).containsEntry("code", "busy");
                // Held for half a second (without a thread), so a client retrying at once cannot spin on refusals.
                assertThat(refused.orElseThrow().took()).isGreaterThanOrEqualTo(Duration.ofMillis(450));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private record Timed(Response response, Duration took) {}
}
