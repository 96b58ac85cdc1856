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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.ApiKeyRegeneration;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.port.out.ApiKeyStore;
import org.openml.auth.core.session.NextAuthSessionCodec;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;

class ApiKeyRoutesTest {
    static final String PASSWORD = "correct horse battery staple";
    static final String SESSION_COOKIE = "next-auth.session-token";

    TestAuthServer server;
    AuthHttpClient browser;

    @BeforeEach
    void start() {
        server = TestAuthServer.start();
        browser = signedIn(server, "ada@example.org");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static AuthHttpClient signedIn(TestAuthServer server, String email) {
        Accounts.registerConfirmed(server, email, PASSWORD);
        AuthHttpClient client = server.newClient();
        assertThat(client.signIn(email, PASSWORD).status()).isEqualTo(200);
        return client;
    }

    User ada() {
        return server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
    }

    String sessionApiKey(AuthHttpClient client) {
        return (String) client.get("/api/auth/session").json().get("apikey");
    }

    Response regenerate(AuthHttpClient client) {
        return client.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", client.csrfToken());
    }

    Response whoami(String key) {
        return server.newClient().get("/api/user/whoami", "Authorization", "Bearer " + key);
    }

    @Test
    void aSignedInUserSeesTheirKey() {
        Response r = browser.get("/api/user/api-key");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("apikey", ada().apiKey().orElseThrow().value()).containsEntry("lastRegeneratedAt", null);
        assertThat(r.json().get("apikey")).isEqualTo(sessionApiKey(browser));
    }

    @Test
    void withoutAValidSessionTheKeyIsNotShown() {
        Response none = server.newClient().get("/api/user/api-key");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json()).containsEntry("error", "Unauthorized").containsEntry("code", "unauthorized");

        server.clock().advance(Duration.ofHours(3));
        assertThat(browser.get("/api/user/api-key").status()).as("expired session").isEqualTo(401);
    }

    @Test
    void aSessionOfAnAccountThatNoLongerExistsIsRefused() {
        Instant now = server.clock().instant();
        User ghost = new User(new UserId(4242), ada().username(), ada().email(), "G", "H", ada().passwordHash(), true,
                Optional.empty(), Optional.empty(), now);
        String token = new NextAuthSessionCodec(TestAuthServer.SECRET, List.of())
                .encode(Session.of(ghost, now, now.plus(Duration.ofHours(2)), "x"));

        Response r = server.newClient().get("/api/user/api-key", "Authorization", "Bearer " + token);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json()).containsEntry("error", "Unauthorized");
    }

    @Test
    void aBearerSessionTokenWorksLikeTheCookie() {
        String token = browser.cookie(SESSION_COOKIE).orElseThrow();
        Response r = server.newClient().get("/api/user/api-key", "Authorization", "Bearer " + token);
        assertThat(r.json()).containsEntry("apikey", ada().apiKey().orElseThrow().value());
    }

    @Test
    void regeneratingReplacesTheKeyEverywhereAtOnce() {
        String old = ada().apiKey().orElseThrow().value();
        assertThat(whoami(old).status()).isEqualTo(200);

        Response r = regenerate(browser);

        assertThat(r.status()).isEqualTo(200);
        String fresh = (String) r.json().get("apiKey");
        assertThat(r.json()).containsEntry("success", true);
        assertThat(fresh).matches("[0-9a-f]{32}").isNotEqualTo(old);
        assertThat(r.headerValues("Set-Cookie")).anyMatch(c -> c.startsWith(SESSION_COOKIE + "="));
        assertThat(sessionApiKey(browser)).as("the session shows the new key at once").isEqualTo(fresh);
        assertThat(whoami(old).status()).isEqualTo(401);
        assertThat(whoami(old).json()).containsEntry("error", "Invalid API key provided.");
        assertThat(whoami(fresh).status()).isEqualTo(200);
        assertThat(server.services().apiKeys().authenticate(old)).isEmpty();
        assertThat(server.services().apiKeys().authenticate(fresh).map(Principal::id)).contains(ada().id());

        ApiKeyRegeneration audit = server.stores().apiKeys().lastRegeneration(ada().id()).orElseThrow();
        assertThat(audit.at()).isEqualTo(server.clock().instant());
        assertThat(audit.ipAddress()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(browser.get("/api/user/api-key").json()).containsEntry("apikey", fresh)
                .containsEntry("lastRegeneratedAt", server.clock().instant().toString());
    }

    @Test
    void regeneratingWithACookieNeedsTheCsrfTokenOrTheSameOrigin() {
        String old = ada().apiKey().orElseThrow().value();

        Response bare = browser.postJson("/api/user/api-key/regenerate", Map.of());
        assertThat(bare.status()).isEqualTo(403);
        assertThat(bare.json()).containsEntry("code", "csrf_failed");
        Response wrongToken = browser.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", "f".repeat(64));
        assertThat(wrongToken.status()).isEqualTo(403);
        Response evil = browser.postJson("/api/user/api-key/regenerate", Map.of(), "Origin", "https://evil.example");
        assertThat(evil.status()).isEqualTo(403);
        assertThat(ada().apiKey().orElseThrow().value()).isEqualTo(old);

        Response sameOrigin = browser.postJson("/api/user/api-key/regenerate", Map.of(), "Origin", server.baseUrl().toString());
        assertThat(sameOrigin.status()).isEqualTo(200);
        Response formToken = browser.postForm("/api/user/api-key/regenerate", Map.of("csrfToken", browser.csrfToken()));
        assertThat(formToken.status()).isEqualTo(200);
    }

    @Test
    void aBearerSessionNeedsNoCsrfToken() {
        String token = browser.cookie(SESSION_COOKIE).orElseThrow();
        Response r = server.newClient().postJson("/api/user/api-key/regenerate", Map.of(), "Authorization", "Bearer " + token);
        assertThat(r.status()).isEqualTo(200);
        assertThat(ada().apiKey().orElseThrow().value()).isEqualTo(r.json().get("apiKey"));
    }

    @Test
    void regeneratingWithoutASessionIsUnauthorized() {
        Response r = server.newClient().postJson("/api/user/api-key/regenerate", Map.of());
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void twoConcurrentRegenerationsAgreeOnOneKey() throws Exception {
        String old = ada().apiKey().orElseThrow().value();
        AuthHttpClient tab1 = browser;
        AuthHttpClient tab2 = server.newClient();
        tab2.signIn("ada@example.org", PASSWORD);
        String csrf1 = tab1.csrfToken();
        String csrf2 = tab2.csrfToken();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> tab1.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", csrf1)));
            answers.add(pool.submit(() -> tab2.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", csrf2)));
            String key1 = (String) answers.get(0).get().json().get("apiKey");
            String key2 = (String) answers.get(1).get().json().get("apiKey");

            String stored = ada().apiKey().orElseThrow().value();
            assertThat(stored).isNotEqualTo(old);
            // Either the requests raced (one key won and both carry it) or they ran one after the other.
            if (key1.equals(key2)) {
                assertThat(stored).isEqualTo(key1);
                assertThat(sessionApiKey(tab1)).isEqualTo(stored);
                assertThat(sessionApiKey(tab2)).isEqualTo(stored);
            } else {
                assertThat(stored).isIn(key1, key2);
            }
            assertThat(whoami(stored).status()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void racingRegenerationsOfOneAccountHaveOneWinnerThatEveryoneGets() throws Exception {
        UserId id = ada().id();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<org.openml.auth.core.port.in.ApiKeys.RegenerateResult>> results = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return server.services().apiKeys().regenerate(id, "192.0.2.1");
                }));
            }
            go.countDown();
            List<String> keys = new ArrayList<>();
            for (var f : results) {
                var result = f.get();
                assertThat(result).isInstanceOf(org.openml.auth.core.port.in.ApiKeys.RegenerateResult.Regenerated.class);
                keys.add(((org.openml.auth.core.port.in.ApiKeys.RegenerateResult.Regenerated) result).key().value());
            }
            String stored = ada().apiKey().orElseThrow().value();
            assertThat(keys).contains(stored);
            assertThat(whoami(stored).status()).isEqualTo(200);
            for (String key : keys) {
                if (!key.equals(stored)) assertThat(whoami(key).status()).as("a key that lost or was replaced").isEqualTo(401);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whoamiTakesTheKeyAsBearerQueryOrFormParameter() {
        String key = ada().apiKey().orElseThrow().value();

        Response bearer = whoami(key);
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(bearer.json()).containsEntry("id", (int) ada().id().value()).containsEntry("username", "ada")
                .containsEntry("email", "ada@example.org").containsEntry("groups", List.of("members"));
        assertThat(server.newClient().get("/api/user/whoami?api_key=" + key).status()).isEqualTo(200);
        assertThat(server.newClient().postForm("/api/user/whoami", Map.of("api_key", key)).status()).isEqualTo(200);
        assertThat(server.newClient().get("/api/user/whoami?api_key=%20" + key + "%0A").status())
                .as("surrounding whitespace, e.g. a trailing newline from a config file").isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEF0123456789ABCDEF0123456789", "abcdef0123456789abcdef012345678", "abcdef0123456789abcdef01234567890",
        "ghijkl0123456789abcdef0123456789", "abcdef01234567 9abcdef0123456789", "00000000000000000000000000000000"})
    void malformedOrUnknownKeysAreRefusedWithLegacyCode103(String key) {
        Response r = server.newClient().get("/api/user/whoami", "Authorization", "Bearer " + key);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json()).containsEntry("error", "Invalid API key provided.").containsEntry("code", "authentication_failed")
                .containsEntry("legacyCode", 103);
    }

    @Test
    void noKeyAtAllIsSaidSo() {
        Response r = server.newClient().get("/api/user/whoami");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json()).containsEntry("error", "No API key provided.").containsEntry("code", "authentication_required")
                .containsEntry("legacyCode", 103);
    }

    @Test
    void keysOfUnconfirmedAccountsAreRefusedAndGroupsAreListed() {
        Accounts.registerUnconfirmed(server, "bob@example.org", PASSWORD);
        User bob = server.stores().users().findByEmail(new Email("bob@example.org")).orElseThrow();
        assertThat(whoami(bob.apiKey().orElseThrow().value()).status()).isEqualTo(401);

        server.stores().users().addToGroup(ada().id(), Group.ADMIN);
        assertThat(whoami(ada().apiKey().orElseThrow().value()).json()).containsEntry("groups", List.of("admin", "members"));
    }

    @Test
    void anAccountWithoutAKeyGetsOneWhenItFirstAsks() {
        server.stores().users().removeApiKey(ada().id());
        AuthHttpClient fresh = server.newClient();
        fresh.signIn("ada@example.org", PASSWORD);
        assertThat(fresh.get("/api/auth/session").json()).doesNotContainKey("apikey");

        Response r = fresh.get("/api/user/api-key");

        String key = (String) r.json().get("apikey");
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(ada().apiKey().map(ApiKey::value)).contains(key);
        assertThat(sessionApiKey(fresh)).isEqualTo(key);
        assertThat(fresh.get("/api/user/api-key").json()).containsEntry("apikey", key);
        assertThat(whoami(key).status()).isEqualTo(200);
    }

    @Test
    void aDatabaseFailureDuringRegenerationKeepsTheOldKeyAndAnswers503() {
        try (TestAuthServer faulty = TestAuthServer.start((stores, b) -> b.apiKeys(new FailingOnReplace(stores.apiKeys())))) {
            AuthHttpClient client = signedIn(faulty, "ada@example.org");
            String old = faulty.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow().apiKey().orElseThrow().value();

            Response r = client.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", client.csrfToken());

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json()).containsEntry("code", "store_unavailable");
            assertThat(faulty.services().apiKeys().authenticate(old)).isPresent();
            assertThat(faulty.stores().apiKeys().lastRegeneration(
                    faulty.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow().id())).isEmpty();
        }
    }

    /** An API-key store whose writes fail, like a database that went away mid-request. */
    record FailingOnReplace(ApiKeyStore delegate) implements ApiKeyStore {
        @Override
        public Optional<Principal> findPrincipal(ApiKey key) {
            return delegate.findPrincipal(key);
        }

        @Override
        public ReplaceResult replace(UserId user, Optional<ApiKey> expected, ApiKey replacement, Optional<ApiKeyRegeneration> audit) {
            throw new StoreUnavailableException("simulated: connection lost", null);
        }

        @Override
        public Optional<ApiKeyRegeneration> lastRegeneration(UserId user) {
            return delegate.lastRegeneration(user);
        }
    }
}
