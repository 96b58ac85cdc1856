package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.session.NextAuthSessionCodec;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;

/** next-auth/react's other calls: signin/signout/error redirects, update(), the client logger, the picture claim. */
class NextAuthClientRoutesTest {
    TestAuthServer server;
    AuthHttpClient browser;

    @BeforeEach
    void start() {
        server = TestAuthServer.start();
        browser = ApiKeyRoutesTest.signedIn(server, "ada@example.org");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void signInRedirectsToTheSignInPageKeepingASameOriginCallbackAndTheError() {
        Response r = browser.get("/api/auth/signin?callbackUrl=%2Faccount&error=SessionRequired");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).contains(server.baseUrl() + "/auth/sign-in?callbackUrl="
                + java.net.URLEncoder.encode(server.baseUrl() + "/account", java.nio.charset.StandardCharsets.UTF_8)
                + "&error=SessionRequired");

        Response foreign = browser.get("/api/auth/signin?callbackUrl=https%3A%2F%2Fevil.example%2F&error=%0D%0Ax");
        assertThat(foreign.header("Location")).get().asString().doesNotContain("evil.example").doesNotContain("error=");
        assertThat(browser.get("/api/auth/signin").header("Location")).contains(server.baseUrl() + "/auth/sign-in");
    }

    @Test
    void signOutAndErrorRedirectToTheirPages() {
        Response out = browser.get("/api/auth/signout");
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).contains(server.baseUrl() + "/auth/sign-out");
        assertThat(browser.get("/auth/sign-out").body()).contains("id=\"sign-out\"");
        assertThat(browser.get("/api/auth/session").json()).as("a GET signs nobody out").containsKey("user");

        Response error = browser.get("/api/auth/error?error=OAuthCallback");
        assertThat(error.status()).isEqualTo(302);
        assertThat(error.header("Location")).contains(server.baseUrl() + "/auth/error?error=OAuthCallback");
    }

    @Test
    void updateRereadsTheAccountAndNeverTakesClaimsFromTheBody() {
        var ada = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
        server.stores().users().updateNames(ada.id(), "Augusta", "King");

        Response updated = browser.postJson("/api/auth/session", Map.of("csrfToken", browser.csrfToken(),
                "data", Map.of("user", Map.of("name", "Mallory", "email", "mallory@example.org"))));

        assertThat(updated.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) updated.json().get("user");
        assertThat(user).containsEntry("name", "Augusta King").containsEntry("email", "ada@example.org");
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) browser.get("/api/auth/session").json().get("user");
        assertThat(read).containsEntry("firstName", "Augusta");

        // Without the CSRF token: 403, and the cookie is not touched.
        Response forged = browser.postJson("/api/auth/session", Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.headerValues("Set-Cookie")).noneMatch(c -> c.startsWith("next-auth.session-token"));

        AuthHttpClient stranger = server.newClient();
        assertThat(stranger.postJson("/api/auth/session", Map.of("csrfToken", stranger.csrfToken())).json()).isEmpty();
    }

    @Test
    void theSessionTokenCarriesThePictureClaimNullWithoutAnImage() throws Exception {
        String token = browser.cookie("next-auth.session-token").orElseThrow();
        var claims = com.nimbusds.jwt.EncryptedJWT.parse(token);
        claims.decrypt(new com.nimbusds.jose.crypto.DirectDecrypter(NextAuthSessionCodec.deriveKey(TestAuthServer.SECRET)));
        assertThat(claims.getJWTClaimsSet().getClaims()).containsKey("picture");
        assertThat(claims.getJWTClaimsSet().getClaim("picture")).isNull();
        Session decoded = new NextAuthSessionCodec(TestAuthServer.SECRET, java.util.List.of())
                .decode(token, java.time.Instant.now()).orElseThrow();
        assertThat(decoded.signInMethod()).isEqualTo("password");
    }

    @Test
    void theClientLoggerAnswers200AndIsLimitedPerAddress() {
        AuthHttpClient client = server.newClient();
        int refused = 0;
        for (int i = 0; i < 70; i++) {
            Response r = client.postJson("/api/auth/_log", Map.of("level", "error", "code", "CLIENT_FETCH_ERROR",
                    "message", "x".repeat(100)));
            if (r.status() == 429) refused++;
            else assertThat(r.status()).isEqualTo(200);
        }
        assertThat(refused).isEqualTo(70 - 60);
    }
}
