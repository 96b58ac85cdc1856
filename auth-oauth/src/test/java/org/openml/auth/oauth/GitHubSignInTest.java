package org.openml.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.port.out.UserStore.CreateResult;
import org.openml.auth.core.session.NextAuthSessionCodec;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;

class GitHubSignInTest {
    private FakeGitHub github;
    private TestAuthServer server;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub();
        server = TestAuthServer.start((stores, b) -> b.oauthProviders(List.of(OAuthProviders.github(github.config()))));
    }

    @AfterEach
    void stop() {
        server.close();
        github.close();
    }

    @Test
    void firstSignInCreatesAnActiveLinkedMemberWithAnApiKeyAndSignsIn() {
        AuthHttpClient browser = server.newClient();
        Response done = Browser.signIn(browser, "github", "/account");

        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("Location").orElseThrow()).contains(server.baseUrl() + "/account");
        User user = server.stores().users().findByEmail(new Email("john.doe@example.org")).orElseThrow();
        assertThat(user.active()).isTrue();
        assertThat(user.username().value()).isEqualTo("jdoe");
        assertThat(user.firstName()).isEqualTo("John");
        assertThat(user.lastName()).isEqualTo("Doe");
        assertThat(user.apiKey()).isPresent();
        assertThat(user.passwordHash().encoded()).isEqualTo("oauth_no_password");
        assertThat(server.stores().users().groupsOf(user.id())).containsExactly(Group.MEMBERS);
        assertThat(server.stores().users().findIdentity(user.id())).contains(new ExternalIdentity("github", "4242"));
        Map<String, Object> session = browser.get("/api/auth/session").json();
        assertThat(session).containsEntry("apikey", user.apiKey().orElseThrow().value());
        assertThat(browser.cookie("openml-auth.oauth-state")).isEmpty();
    }

    @Test
    void secondSignInFindsTheLinkedAccountEvenAfterTheEmailChangedAtGitHub() {
        Browser.signIn(server.newClient(), "github", null);
        github.email = "new.address@example.org";
        AuthHttpClient browser = server.newClient();
        Response done = Browser.signIn(browser, "github", null);

        assertThat(done.header("Location").orElseThrow()).contains(server.baseUrl().toString());
        assertThat(server.stores().users().size()).isEqualTo(1);
        assertThat(browser.get("/api/auth/session").json().get("user").toString()).contains("john.doe@example.org");
    }

    @Test
    void usernamesFollowOpenMLsGenerator() {
        Browser.signIn(server.newClient(), "github", null);
        github.userId = 2;
        github.email = "john.doe2@example.org";
        Browser.signIn(server.newClient(), "github", null);
        github.userId = 3;
        github.email = "john.doe3@example.org";
        Browser.signIn(server.newClient(), "github", null);

        assertThat(server.stores().users().findByEmail(new Email("john.doe2@example.org")).orElseThrow().username().value())
                .isEqualTo("johndoe");
        assertThat(server.stores().users().findByEmail(new Email("john.doe3@example.org")).orElseThrow().username().value())
                .isEqualTo("jdoe1");
    }

    @Test
    void verifiedEmailLinksAnExistingConfirmedAccountAndKeepsItsPassword() {
        User existing = create("John.Doe@Example.org", true);
        Response done = Browser.signIn(server.newClient(), "github", null);

        assertThat(done.header("Location").orElseThrow()).contains(server.baseUrl().toString());
        assertThat(server.stores().users().size()).isEqualTo(1);
        assertThat(server.stores().users().findIdentity(existing.id())).contains(new ExternalIdentity("github", "4242"));
        assertThat(server.newClient().signIn("john.doe@example.org", "correct horse battery").status()).isEqualTo(200);
    }

    @Test
    void linkingAnUnconfirmedAccountConfirmsItAndVoidsItsPassword() {
        User squatter = create("john.doe@example.org", false);
        Response done = Browser.signIn(server.newClient(), "github", null);

        assertThat(done.header("Location").orElseThrow()).contains(server.baseUrl().toString());
        User after = server.stores().users().findById(squatter.id()).orElseThrow();
        assertThat(after.active()).isTrue();
        assertThat(after.passwordHash().encoded()).isEqualTo("oauth_no_password");
        // Whoever registered the address with a password cannot use it now.
        assertThat(server.newClient().signIn("john.doe@example.org", "correct horse battery").status()).isEqualTo(401);
    }

    @Test
    void unverifiedEmailNeverLinksAndNeverCreates() {
        github.emailVerified = false;
        Response alone = Browser.signIn(server.newClient(), "github", null);
        assertThat(alone.header("Location").orElseThrow()).contains("/auth/error?error=Verification&code=oauth_email_not_verified");
        assertThat(server.stores().users().size()).isZero();

        User existing = create("john.doe@example.org", true);
        Response clash = Browser.signIn(server.newClient(), "github", null);
        assertThat(clash.header("Location").orElseThrow()).contains("/auth/error?error=OAuthAccountNotLinked");
        assertThat(server.stores().users().findIdentity(existing.id())).isEmpty();
    }

    @Test
    void deniedConsentEndsOnAccessDeniedAndWritesNothing() {
        github.denyConsent = true;
        AuthHttpClient browser = server.newClient();
        Response done = Browser.signIn(browser, "github", null);

        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("Location").orElseThrow()).contains(server.baseUrl() + "/auth/error?error=AccessDenied");
        assertThat(server.stores().users().size()).isZero();
        assertThat(browser.cookie("next-auth.session-token")).isEmpty();
    }

    @Test
    void aCallbackWithAnotherStateIsRefused() {
        AuthHttpClient browser = server.newClient();
        URI callback = Browser.atProvider(Browser.location(browser.get("/api/auth/signin/github")));
        Response done = Browser.back(browser, Browser.withParam(callback, "state", "forged-state"));

        assertThat(done.header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback&code=oauth_callback_failed");
        assertThat(server.stores().users().size()).isZero();
        assertThat(server.oauthChallenges().size()).isZero();
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() {
        AuthHttpClient victim = server.newClient();
        URI callback = Browser.atProvider(Browser.location(server.newClient().get("/api/auth/signin/github")));
        Response done = Browser.back(victim, callback);

        assertThat(done.header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback");
        assertThat(server.stores().users().size()).isZero();
    }

    @Test
    void aReplayedCallbackIsRefused() {
        AuthHttpClient browser = server.newClient();
        URI callback = Browser.atProvider(Browser.location(browser.get("/api/auth/signin/github")));
        assertThat(Browser.back(browser, callback).header("Location").orElseThrow()).doesNotContain("/auth/error");

        Response again = Browser.back(browser, callback);
        assertThat(again.header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback");
    }

    @Test
    void aReplayedCodeIsRefusedByTheProvider() {
        AuthHttpClient browser = server.newClient();
        URI first = Browser.atProvider(Browser.location(browser.get("/api/auth/signin/github")));
        assertThat(Browser.back(browser, first).header("Location").orElseThrow()).doesNotContain("/auth/error");

        URI second = Browser.atProvider(Browser.location(browser.get("/api/auth/signin/github")));
        String oldCode = FakeGitHub.parse(first.getRawQuery()).get("code");
        Response replay = Browser.back(browser, Browser.withParam(second, "code", oldCode));
        assertThat(replay.header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback&code=oauth_callback_failed");
    }

    @Test
    void expiredSignInStateIsRefused() {
        AuthHttpClient browser = server.newClient();
        URI callback = Browser.atProvider(Browser.location(browser.get("/api/auth/signin/github")));
        server.clock().advance(java.time.Duration.ofMinutes(11));
        assertThat(Browser.back(browser, callback).header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback");
        assertThat(server.stores().users().size()).isZero();
    }

    @Test
    void providerDownGivesAClearErrorAndWritesNothing() {
        AuthHttpClient browser = server.newClient();
        URI callback = Browser.atProvider(Browser.location(browser.get("/api/auth/signin/github")));
        github.close();
        Response done = Browser.back(browser, callback);

        assertThat(done.header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback&code=oauth_provider_unavailable");
        assertThat(server.stores().users().size()).isZero();
    }

    @Test
    void theAuthorizationUrlCarriesStatePkceAndTheExactCallback() {
        AuthHttpClient browser = server.newClient();
        Response start = browser.get("/api/auth/signin/github");
        Map<String, String> q = FakeGitHub.parse(Browser.location(start).getRawQuery());

        assertThat(q).containsEntry("client_id", FakeGitHub.CLIENT_ID)
                .containsEntry("redirect_uri", server.baseUrl() + "/api/auth/callback/github")
                .containsEntry("code_challenge_method", "S256");
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(q.get("code_challenge")).hasSize(43);
        assertThat(start.headerValues("Set-Cookie")).anyMatch(c -> c.startsWith("openml-auth.oauth-state=")
                && c.contains("HttpOnly") && c.contains("SameSite=Lax"));
    }

    @Test
    void anOffSiteCallbackUrlIsReplacedByTheHomePage() {
        Response done = Browser.signIn(server.newClient(), "github", "https://evil.example/steal");
        assertThat(done.header("Location").orElseThrow()).contains(server.baseUrl().toString());
        assertThat(done.header("Location").orElseThrow()).doesNotContain("evil");
    }

    @Test
    void providersListsCredentialsAndGitHubOnly() {
        Map<String, Object> providers = server.newClient().get("/api/auth/providers").json();
        assertThat(providers).containsOnlyKeys("credentials", "github");
        assertThat(providers.get("github")).isEqualTo(Map.of("id", "github", "name", "GitHub", "type", "oauth",
                "signinUrl", server.baseUrl() + "/api/auth/signin/github",
                "callbackUrl", server.baseUrl() + "/api/auth/callback/github"));
    }

    @Test
    void anUnconfiguredProviderCannotStart() {
        Response start = server.newClient().get("/api/auth/signin/google");
        assertThat(start.status()).isEqualTo(302);
        assertThat(start.header("Location").orElseThrow()).contains("/auth/error?error=OAuthSignin&code=oauth_unknown_provider");
    }

    @Test
    void linkingAnUnconfirmedAccountEndsTheSessionsMadeBeforeAndKeepsTheNewOne() {
        User squatter = create("john.doe@example.org", false);
        // A session the squatter held (minted elsewhere with the shared secret, before the link).
        Instant now = server.clock().instant();
        String planted = new NextAuthSessionCodec(TestAuthServer.SECRET, List.of())
                .encode(Session.of(squatter, now, now.truncatedTo(ChronoUnit.SECONDS), now.plus(Duration.ofHours(2)), "old"));
        AuthHttpClient squatterBrowser = server.newClient();
        squatterBrowser.setCookie("next-auth.session-token", planted);
        assertThat(squatterBrowser.get("/api/auth/session").json()).containsKey("user");
        server.clock().advance(Duration.ofSeconds(1));

        AuthHttpClient owner = server.newClient();
        Browser.signIn(owner, "github", null);

        assertThat(squatterBrowser.get("/api/auth/session").body()).as("revoked by the takeover wipe").isEqualTo("{}");
        assertThat(owner.get("/api/auth/session").json()).as("the session the link itself issued").containsKey("user");
        assertThat(server.stores().sessionRevocations().validAfter(squatter.id()))
                .contains(server.clock().instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private User create(String email, boolean active) {
        CreateResult r = server.stores().users().create(new NewUser(new Username("local" + email.length()), new Email(email),
                "John", "Doe", server.hasher().hash(new RawPassword("correct horse battery")), active,
                new ApiKey("0123456789abcdef0123456789abcdef"), "127.0.0.1", Instant.now()));
        return ((CreateResult.Created) r).user();
    }
}
