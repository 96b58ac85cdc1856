package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** Changing the address and the devices list over HTTP. */
class EmailAndDeviceRoutesTest {
    static final String PASSWORD = "correct horse battery staple";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

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

    private String[] csrf(AuthHttpClient client) {
        return new String[] {"X-CSRF-Token", client.csrfToken()};
    }

    @Test
    void anAddressChangesOnlyThroughTheLinkAndTheOldAddressCanUndoIt() {
        Response asked = browser.postJson("/api/user/email", Map.of("newEmail", "ada.new@example.org"), csrf(browser));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.json()).containsEntry("message", "Check your new address for a confirmation link.");
        assertThat(server.stores().users().findByEmail(new Email("ada@example.org"))).isPresent();

        String token = RecordingMailer.tokenOf(server.mailer().lastTo("ada.new@example.org", Mail.EmailChangeConfirmation.class)
                .orElseThrow().link());
        assertThat(server.mailer().lastTo("ada.new@example.org", Mail.EmailChangeConfirmation.class).orElseThrow().link().getPath())
                .isEqualTo("/auth/confirm-email-change");
        Response confirmed = server.newClient().postJson("/api/user/email/confirm", Map.of("token", token));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json()).containsEntry("email", "ada.new@example.org");
        assertThat(server.newClient().signIn("ada.new@example.org", PASSWORD).status()).isEqualTo(200);
        assertThat(server.newClient().postJson("/api/user/email/confirm", Map.of("token", token)).status()).isEqualTo(400);

        Mail.SecurityNotice notice = server.mailer().lastTo("ada@example.org", Mail.SecurityNotice.class).orElseThrow();
        assertThat(notice.link().getPath()).isEqualTo("/auth/revert-email-change");
        Response reverted = server.newClient().postJson("/api/user/email/revert",
                Map.of("token", RecordingMailer.tokenOf(notice.link())));
        assertThat(reverted.status()).isEqualTo(200);
        assertThat(reverted.json()).containsEntry("email", "ada@example.org");
        assertThat(server.mailer().lastTo("ada@example.org", Mail.PasswordReset.class)).isPresent();
    }

    @Test
    void badRequestsAreRefusedWithCodesAndChangeNothing() {
        assertThat(browser.postJson("/api/user/email", Map.of("newEmail", "x@example.org")).status()).as("no CSRF").isEqualTo(403);
        assertThat(server.newClient().postJson("/api/user/email", Map.of("newEmail", "x@example.org")).status()).isEqualTo(401);
        Response invalid = browser.postJson("/api/user/email", Map.of("newEmail", "not-an-address"), csrf(browser));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json()).containsEntry("code", "invalid_email");
        ApiKeyRoutesTest.signedIn(server, "bob@example.org");
        Response taken = browser.postJson("/api/user/email", Map.of("newEmail", "bob@example.org"), csrf(browser));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json()).containsEntry("error", "Email already registered");
        assertThat(server.newClient().postJson("/api/user/email/confirm", Map.of("token", "nope")).status()).isEqualTo(400);
        assertThat(server.newClient().postJson("/api/user/email/revert", Map.of()).status()).isEqualTo(400);
        assertThat(server.stores().users().findByEmail(new Email("ada@example.org"))).isPresent();
    }

    @Test
    void theDevicesListShowsEachBrowserAndSignsOneOutOnItsNextRequest() {
        AuthHttpClient laptop = server.newClient();
        assertThat(laptop.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
        assertThat(laptop.get("/api/auth/session", "User-Agent", FIREFOX).json()).containsKey("user");
        assertThat(browser.get("/api/auth/session").json()).containsKey("user");

        Response list = browser.get("/api/user/sessions");
        assertThat(list.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sessions = (List<Map<String, Object>>) list.json().get("sessions");
        assertThat(sessions).hasSize(2);
        assertThat(sessions).allSatisfy(s -> assertThat(s).containsKeys("id", "current", "signedInAt", "lastSeenAt", "method", "ip",
                "device").containsEntry("method", "password"));
        Map<String, Object> firefox = sessions.stream().filter(s -> "Firefox on Linux".equals(s.get("device"))).findFirst().orElseThrow();
        assertThat(firefox).containsEntry("current", false);

        assertThat(browser.method("DELETE", "/api/user/sessions/" + firefox.get("id")).status()).as("no CSRF").isEqualTo(403);
        Response out = browser.method("DELETE", "/api/user/sessions/" + firefox.get("id"), csrf(browser));
        assertThat(out.status()).isEqualTo(200);
        assertThat(laptop.get("/api/auth/session").json()).isEmpty();
        assertThat(laptop.get("/api/user/api-key").status()).isEqualTo(401);
        assertThat(browser.get("/api/auth/session").json()).containsKey("user");
        assertThat(browser.method("DELETE", "/api/user/sessions/" + firefox.get("id"), csrf(browser)).status()).isEqualTo(404);
        assertThat(browser.method("DELETE", "/api/user/sessions/unknown", csrf(browser)).status()).isEqualTo(404);
    }

    @Test
    void signingOutMakesACopiedCookieUseless() {
        String cookie = browser.cookie("next-auth.session-token").orElseThrow();
        assertThat(browser.get("/api/auth/session").json()).containsKey("user");
        server.clock().advance(Duration.ofSeconds(1));

        Response out = browser.postForm("/api/auth/signout", Map.of("csrfToken", browser.csrfToken(), "json", "true"));
        assertThat(out.status()).isEqualTo(200);

        AuthHttpClient thief = server.newClient();
        thief.setCookie("next-auth.session-token", cookie);
        assertThat(thief.get("/api/auth/session").json()).isEmpty();
    }
}
