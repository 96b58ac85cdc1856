package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.User;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;

/** The account self-service routes over HTTP: answers, cookies, the cross-site check and bad input. */
class AccountSettingsRoutesTest {
    static final String PASSWORD = "correct horse battery staple";

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

    User ada() {
        return server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
    }

    private String[] csrf(AuthHttpClient client) {
        return new String[] {"X-CSRF-Token", client.csrfToken()};
    }

    @Test
    void changingThePasswordSignsOutTheOtherBrowserAndKeepsThisOne() {
        AuthHttpClient other = server.newClient();
        assertThat(other.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
        server.clock().advance(Duration.ofSeconds(5)); // the testkit's clock stands still otherwise

        Response changed = browser.postJson("/api/user/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "an entirely new passphrase"), csrf(browser));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json()).containsEntry("success", true);
        assertThat(browser.get("/api/auth/session").json()).containsKey("user");
        assertThat(other.get("/api/auth/session").json()).isEmpty();
        assertThat(server.newClient().signIn("ada@example.org", "an entirely new passphrase").status()).isEqualTo(200);
        assertThat(server.mailer().lastTo("ada@example.org", Mail.SecurityNotice.class)).isPresent();
    }

    @Test
    void aWrongCurrentPasswordIs401AndChangesNothing() {
        Response refused = browser.postJson("/api/user/password",
                Map.of("currentPassword", "not it", "newPassword", "an entirely new passphrase"), csrf(browser));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json()).containsEntry("error", "Current password is incorrect")
                .containsEntry("code", "current_password_incorrect");
        assertThat(server.newClient().signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void everyChangeNeedsTheCrossSiteCheckAndASession() {
        Map<String, String> password = Map.of("currentPassword", PASSWORD, "newPassword", "an entirely new passphrase");
        assertThat(browser.postJson("/api/user/password", password).status()).isEqualTo(403);
        assertThat(browser.sendJson("PATCH", "/api/user/profile", Map.of("firstName", "Eve")).status()).isEqualTo(403);
        assertThat(browser.method("DELETE", "/api/user/linked-accounts/github").status()).isEqualTo(403);
        assertThat(browser.postJson("/api/user/delete", Map.of("confirm", "DELETE")).status()).isEqualTo(403);

        AuthHttpClient stranger = server.newClient();
        assertThat(stranger.postJson("/api/user/password", password, csrf(stranger)).status()).isEqualTo(401);
        assertThat(stranger.get("/api/user/linked-accounts").status()).isEqualTo(401);
        assertThat(stranger.postJson("/api/user/delete", Map.of("confirm", "DELETE"), csrf(stranger)).status()).isEqualTo(401);

        assertThat(ada().firstName()).isEqualTo("Ada");
        assertThat(server.newClient().signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void changingNamesAnswersTheUserAndReissuesTheCookieWithThem() {
        Response updated = browser.sendJson("PATCH", "/api/user/profile", Map.of("firstName", "Augusta", "lastName", "King"),
                csrf(browser));

        assertThat(updated.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) updated.json().get("user");
        assertThat(user).containsEntry("firstName", "Augusta").containsEntry("lastName", "King")
                .containsEntry("name", "Augusta King").containsEntry("email", "ada@example.org");
        @SuppressWarnings("unchecked")
        Map<String, Object> session = (Map<String, Object>) browser.get("/api/auth/session").json().get("user");
        assertThat(session).containsEntry("name", "Augusta King");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Ada\r\nBcc: x", "Ada\u0007", "0123456789012345678901234567890123456789012345678901"})
    void badNamesAre400AndChangeNothing(String bad) {
        Response refused = browser.sendJson("PATCH", "/api/user/profile", Map.of("firstName", bad), csrf(browser));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).containsKeys("error", "code");
        assertThat(ada().firstName()).isEqualTo("Ada");
    }

    @Test
    void wrongTypesAndMalformedBodiesAre400() {
        Map<String, Object> number = new HashMap<>();
        number.put("firstName", 42);
        assertThat(browser.sendJson("PATCH", "/api/user/profile", number, csrf(browser)).status()).isEqualTo(400);
        assertThat(browser.postRaw("/api/user/password", "application/json", "{not json", csrf(browser)).status()).isEqualTo(400);
        assertThat(browser.postJson("/api/user/password", Map.of("currentPassword", PASSWORD), csrf(browser)).status())
                .isEqualTo(400);
        assertThat(browser.postRaw("/api/user/delete", "application/json", "{\"confirm\":\"" + "x".repeat(70_000) + "\"}",
                csrf(browser)).status()).isEqualTo(413);
        assertThat(server.stores().users().findById(ada().id())).isPresent();
    }

    @Test
    void linkedAccountsAreListedAndUnlinked() {
        server.stores().users().link(ada().id(), new ExternalIdentity("github", "4242"));

        Response list = browser.get("/api/user/linked-accounts");
        assertThat(list.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> accounts = (List<Map<String, Object>>) list.json().get("accounts");
        assertThat(accounts).singleElement().satisfies(a -> assertThat(a).containsEntry("provider", "github").containsKey("linkedAt"));

        assertThat(browser.method("DELETE", "/api/user/linked-accounts/google", csrf(browser)).status()).isEqualTo(404);
        Response unlinked = browser.method("DELETE", "/api/user/linked-accounts/github", csrf(browser));
        assertThat(unlinked.status()).isEqualTo(200);
        assertThat(unlinked.json()).containsEntry("success", true);
        assertThat(browser.get("/api/user/linked-accounts").json().get("accounts")).asList().isEmpty();
    }

    @Test
    void deletingTheAccountEndsTheSessionAndTheAccount() {
        Response refused = browser.postJson("/api/user/delete", Map.of("confirm", "yes"), csrf(browser));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("code", "confirmation_required");

        Response deleted = browser.postJson("/api/user/delete", Map.of("confirm", "DELETE"), csrf(browser));

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).containsEntry("result", "deleted");
        assertThat(browser.get("/api/auth/session").json()).isEmpty();
        assertThat(server.newClient().signIn("ada@example.org", PASSWORD).status()).isEqualTo(401);
        assertThat(server.stores().users().findByEmail(new Email("ada@example.org"))).isEmpty();
    }

    @Test
    void anAccountWithUploadsIsAnonymisedAndALateDeletionNeedsThePassword() {
        server.uploads().add(ada().id());
        server.clock().advance(Duration.ofMinutes(11));

        Response stale = browser.postJson("/api/user/delete", Map.of("confirm", "DELETE"), csrf(browser));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.json()).containsEntry("code", "reauthentication_required");

        Response anonymised = browser.postJson("/api/user/delete", Map.of("confirm", "DELETE", "currentPassword", PASSWORD),
                csrf(browser));
        assertThat(anonymised.status()).isEqualTo(200);
        assertThat(anonymised.json()).containsEntry("result", "anonymised");
        assertThat(server.stores().users().findByEmail(new Email("ada@example.org"))).isEmpty();
    }
}
