package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.User;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

class PasswordResetRoutesTest {
    static final String PASSWORD = "correct horse battery staple";
    static final String NEW_PASSWORD = "a brand new passphrase";
    static final String GENERIC = "If an account exists with this email, you will receive a password reset link shortly.";

    TestAuthServer server;
    AuthHttpClient client;

    @BeforeEach
    void start() {
        server = TestAuthServer.start();
        client = server.newClient();
        Accounts.registerConfirmed(server, "ada@example.org", PASSWORD);
        server.mailer().clear();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String requestResetToken() {
        assertThat(client.postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org")).json())
                .containsEntry("message", GENERIC);
        Mail.PasswordReset mail = server.mailer().lastTo("ada@example.org", Mail.PasswordReset.class).orElseThrow();
        assertThat(mail.link().toString()).startsWith(server.baseUrl() + "/auth/reset-password?token=");
        return RecordingMailer.tokenOf(mail.link());
    }

    Response reset(String token, String password) {
        return client.postJson("/api/auth/reset-password", Map.of("token", token, "password", password));
    }

    @Test
    void aResetLinkSetsANewPasswordOnce() {
        String token = requestResetToken();

        Response r = reset(token, NEW_PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("message", "Password reset successfully! You can now sign in with your new password.")
                .containsEntry("email", "ada@example.org");
        assertThat(server.newClient().signIn("ada@example.org", PASSWORD).status()).isEqualTo(401);
        assertThat(server.newClient().signIn("ada@example.org", NEW_PASSWORD).status()).isEqualTo(200);
        Response again = reset(token, "yet another passphrase");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json()).containsEntry("message", "This reset link has already been used").containsEntry("code", "token_used");
        assertThat(server.newClient().signIn("ada@example.org", NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void unknownAndUnconfirmedAddressesGetTheSameAnswerAndNoMail() {
        Accounts.registerUnconfirmed(server, "bob@example.org", PASSWORD);
        server.mailer().clear();

        for (String email : new String[] {"nobody@example.org", "bob@example.org"}) {
            Response r = client.postJson("/api/auth/forgot-password", Map.of("email", email));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json()).containsEntry("message", GENERIC);
        }
        assertThat(server.mailer().sent()).isEmpty();
    }

    @Test
    void forgotPasswordValidatesTheAddress() {
        assertThat(client.postJson("/api/auth/forgot-password", Map.of()).json()).containsEntry("message", "Email is required");
        Response invalid = client.postJson("/api/auth/forgot-password", Map.of("email", "nope"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json()).containsEntry("message", "Please enter a valid email address").containsEntry("code", "invalid_email");
    }

    @Test
    void aNewLinkVoidsTheOlderOne() {
        String first = requestResetToken();
        String second = requestResetToken();

        assertThat(reset(first, NEW_PASSWORD).json()).containsEntry("message", "Invalid or expired reset token");
        assertThat(reset(second, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void expiredLinksAreRefusedAndChangeNothing() {
        String token = requestResetToken();
        User before = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
        server.clock().advance(Duration.ofHours(1).plusSeconds(1));

        Response r = reset(token, NEW_PASSWORD);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).containsEntry("message", "Reset token has expired. Please request a new one.")
                .containsEntry("code", "token_expired");
        assertThat(server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow()).isEqualTo(before);
    }

    @Test
    void badResetRequestsAreRefusedInTheContractsOrder() {
        String token = requestResetToken();

        assertThat(client.postJson("/api/auth/reset-password", Map.of("password", NEW_PASSWORD)).json())
                .containsEntry("message", "Reset token is required");
        assertThat(client.postJson("/api/auth/reset-password", Map.of("token", token)).json())
                .containsEntry("message", "New password is required");
        assertThat(reset(token, "short").json()).containsEntry("message", "Password must be at least 8 characters");
        assertThat(reset("f".repeat(64), NEW_PASSWORD).json()).containsEntry("message", "Invalid or expired reset token");
        assertThat(reset("not-a-token", NEW_PASSWORD).json()).containsEntry("message", "Invalid or expired reset token");
        assertThat(reset(token, NEW_PASSWORD).status()).as("the real token still works after the bad attempts").isEqualTo(200);
    }

    @Test
    void aMailFailureStillAnswersGenerically() {
        server.mailer().failNext(1);
        Response r = client.postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("message", GENERIC);
    }
}
