package org.openml.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.User;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;

/** Google's OpenID Connect flow against a real OIDC server (mock-oauth2-server), with a GitHub fake next to it. */
class GoogleSignInTest {
    private static final String CLIENT_ID = "google-client.apps.example";

    private MockOAuth2Server oidc;
    private FakeGitHub github;
    private TestAuthServer server;

    @BeforeEach
    void start() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start(InetAddress.getLoopbackAddress(), 0);
        github = new FakeGitHub();
        URI issuer = URI.create(oidc.issuerUrl("google").toString());
        server = TestAuthServer.start((stores, b) -> b.oauthProviders(List.of(
                OAuthProviders.github(github.config()),
                OAuthProviders.google(new OAuthClientConfig(CLIENT_ID, "google-secret", issuer, issuer), Clock.systemUTC()))));
    }

    @AfterEach
    void stop() {
        server.close();
        github.close();
        oidc.shutdown();
    }

    private void nextToken(String subject, List<String> audience, Map<String, Object> claims, long expirySeconds) {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("google", subject, "JWT", audience, claims, expirySeconds));
    }

    private static Map<String, Object> ada(boolean verified) {
        return Map.of("email", "ada@example.org", "email_verified", verified, "given_name", "Ada", "family_name", "Lovelace",
                "name", "Ada Lovelace");
    }

    @Test
    void verifiedGoogleAccountCreatesAndSignsIn() {
        nextToken("google-sub-1", null, ada(true), 3600);
        AuthHttpClient browser = server.newClient();
        Response done = Browser.signIn(browser, "google", "/account");

        assertThat(done.header("Location").orElseThrow()).isEqualTo(server.baseUrl() + "/account");
        User user = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
        assertThat(user.username().value()).isEqualTo("alovelace");
        assertThat(user.active()).isTrue();
        assertThat(server.stores().users().findIdentity(user.id())).contains(new ExternalIdentity("google", "google-sub-1"));
        assertThat(browser.get("/api/auth/session").json()).containsKey("user");
    }

    @Test
    void theAuthorizationRequestCarriesNonceStateAndPkce() {
        Response start = server.newClient().get("/api/auth/signin/google");
        Map<String, String> q = FakeGitHub.parse(Browser.location(start).getRawQuery());
        assertThat(q).containsEntry("client_id", CLIENT_ID).containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256").containsEntry("scope", "openid email profile")
                .containsEntry("redirect_uri", server.baseUrl() + "/api/auth/callback/google");
        assertThat(q).containsKeys("state", "nonce", "code_challenge");
    }

    @Test
    void unverifiedGoogleEmailIsRefused() {
        nextToken("google-sub-2", null, ada(false), 3600);
        Response done = Browser.signIn(server.newClient(), "google", null);
        assertThat(done.header("Location").orElseThrow()).contains("/auth/error?error=Verification");
        assertThat(server.stores().users().size()).isZero();
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        nextToken("google-sub-3", null, ada(true), 3600);
        AuthHttpClient browser = server.newClient();
        URI authorize = Browser.withParam(Browser.location(browser.get("/api/auth/signin/google")), "nonce", "attacker-nonce");
        Response done = Browser.back(browser, Browser.atProvider(authorize));
        assertThat(done.header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback&code=oauth_callback_failed");
        assertThat(server.stores().users().size()).isZero();
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        // A genuine token of this issuer with the right nonce, but minted for another client.
        Map<String, Object> claims = new java.util.HashMap<>(ada(true));
        claims.put("aud", "some-other-client");
        nextToken("google-sub-4", List.of("some-other-client"), claims, 3600);
        Response done = Browser.signIn(server.newClient(), "google", null);
        assertThat(done.header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback");
        assertThat(server.stores().users().size()).isZero();
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        nextToken("google-sub-5", null, ada(true), -600);
        Response done = Browser.signIn(server.newClient(), "google", null);
        assertThat(done.header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback");
        assertThat(server.stores().users().size()).isZero();
    }

    @Test
    void aReplayedCallbackIsRefused() {
        nextToken("google-sub-6", null, ada(true), 3600);
        AuthHttpClient browser = server.newClient();
        URI callback = Browser.atProvider(Browser.location(browser.get("/api/auth/signin/google")));
        assertThat(Browser.back(browser, callback).header("Location").orElseThrow()).doesNotContain("/auth/error");
        assertThat(Browser.back(browser, callback).header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback");
        assertThat(server.stores().users().size()).isEqualTo(1);
    }

    @Test
    void googleDownAtTheStartGivesOAuthSignin() throws Exception {
        oidc.shutdown();
        Response start = server.newClient().get("/api/auth/signin/google");
        assertThat(start.status()).isEqualTo(302);
        assertThat(start.header("Location").orElseThrow()).contains("/auth/error?error=OAuthSignin&code=oauth_signin_failed");
        assertThat(server.oauthChallenges().size()).isZero();
    }

    @Test
    void googleDownAtTheCallbackGivesAClearErrorAndWritesNothing() {
        AuthHttpClient browser = server.newClient();
        URI callback = Browser.atProvider(Browser.location(browser.get("/api/auth/signin/google")));
        oidc.shutdown();
        Response done = Browser.back(browser, callback);
        assertThat(done.header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback&code=oauth_provider_unavailable");
        assertThat(server.stores().users().size()).isZero();
    }

    @Test
    void aGitHubLinkedUserSignsInWithGoogleByVerifiedEmailAndKeepsTheGitHubLink() {
        github.email = "ada@example.org";
        Browser.signIn(server.newClient(), "github", null);
        User user = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();

        nextToken("google-sub-7", null, ada(true), 3600);
        AuthHttpClient browser = server.newClient();
        Response done = Browser.signIn(browser, "google", null);

        assertThat(done.header("Location").orElseThrow()).doesNotContain("/auth/error");
        assertThat(server.stores().users().size()).isEqualTo(1);
        assertThat(server.stores().users().findIdentity(user.id())).contains(new ExternalIdentity("github", "4242"));
        assertThat(browser.get("/api/auth/session").json().get("user").toString()).contains("id=" + user.id().value());
        // And GitHub still signs in through its link.
        assertThat(Browser.signIn(server.newClient(), "github", null).header("Location").orElseThrow()).doesNotContain("/auth/error");
    }

    @Test
    void providersListsExactlyTheConfiguredOnes() {
        Map<String, Object> providers = server.newClient().get("/api/auth/providers").json();
        assertThat(providers).containsOnlyKeys("credentials", "github", "google");
        assertThat(providers.get("google")).isEqualTo(Map.of("id", "google", "name", "Google", "type", "oauth",
                "signinUrl", server.baseUrl() + "/api/auth/signin/google",
                "callbackUrl", server.baseUrl() + "/api/auth/callback/google"));
    }
}
