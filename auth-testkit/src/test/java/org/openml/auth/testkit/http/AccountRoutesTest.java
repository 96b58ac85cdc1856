package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.User;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

class AccountRoutesTest {
    static final String PASSWORD = "correct horse battery staple";

    TestAuthServer server;
    AuthHttpClient client;

    @BeforeEach
    void start() {
        server = TestAuthServer.start();
        client = server.newClient();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Response register(String first, String last, String email, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", first);
        body.put("lastName", last);
        body.put("email", email);
        body.put("password", password);
        return client.postJson("/api/auth/register", body);
    }

    User user(String email) {
        return server.stores().users().findByEmail(new Email(email)).orElseThrow();
    }

    String lastConfirmationToken(String email) {
        return RecordingMailer.tokenOf(server.mailer().lastTo(email, Mail.Confirmation.class).orElseThrow().link());
    }

    @Test
    void registrationCreatesAnInactiveMemberWithAnApiKeyAndMailsAConfirmationLink() {
        Response r = register("Ada", "Lovelace", "Ada.Lovelace@example.org", PASSWORD);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json()).containsEntry("message",
                "Account created successfully. Please check your email to confirm your account.")
                .containsEntry("username", "Ada.Lovelace").containsEntry("confirmationMailSent", true);
        User user = user("ada.lovelace@example.org");
        assertThat(user.active()).isFalse();
        assertThat(user.apiKey()).get().extracting(k -> k.value()).asString().matches("[0-9a-f]{32}");
        assertThat(user.passwordHash().encoded()).startsWith("$argon2i$");
        Mail.Confirmation mail = server.mailer().lastTo("Ada.Lovelace@example.org", Mail.Confirmation.class).orElseThrow();
        assertThat(mail.link().toString()).startsWith(server.baseUrl() + "/auth/confirm-email?token=").matches(".*token=[0-9a-f]{64}$");
        assertThat(mail.recipientName()).isEqualTo("Ada Lovelace");
    }

    @Test
    void usernamesFollowTheEmailLocalPartSanitisedAndNumbered() {
        assertThat(register("A", "B", "o'brien+ml@example.org", PASSWORD).json()).containsEntry("username", "obrienml");
        assertThat(register("A", "B", "obrienml@example.com", PASSWORD).json()).containsEntry("username", "obrienml1");
        assertThat(register("A", "B", "obrienml@example.net", PASSWORD).json()).containsEntry("username", "obrienml2");
        assertThat(register("A", "B", "+++@example.net", PASSWORD).json()).containsEntry("username", "user");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "missing first name | NULL | L | a@example.org | correct horse | All fields are required | fields_required",
        "blank last name    | F    | '  ' | a@example.org | correct horse | All fields are required | fields_required",
        "missing email      | F    | L | NULL | correct horse | All fields are required | fields_required",
        "empty password     | F    | L | a@example.org | '' | All fields are required | fields_required",
        "invalid email      | F    | L | not-an-email | correct horse | Please enter a valid email address | invalid_email",
        "email with space   | F    | L | a b@example.org | correct horse | Please enter a valid email address | invalid_email",
        "short password     | F    | L | a@example.org | 1234567 | Password must be at least 8 characters | password_too_short",
    })
    void badRegistrationsAreRefusedAndWriteNothing(String why, String first, String last, String email, String password,
            String message, String code) {
        Response r = register(first, last, email, password);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).containsEntry("message", message).containsEntry("code", code);
        assertThat(server.stores().users().findByEmail(new Email("a@example.org"))).isEmpty();
        assertThat(server.mailer().sent()).isEmpty();
    }

    @Test
    void passwordsOverTheByteCapAndNamesOverTheColumnAreRefused() {
        assertThat(register("F", "L", "a@example.org", "x".repeat(1025)).json()).containsEntry("code", "password_too_long");
        assertThat(register("F".repeat(51), "L", "a@example.org", PASSWORD).json()).containsEntry("code", "name_too_long");
        assertThat(server.stores().users().findByEmail(new Email("a@example.org"))).isEmpty();
    }

    @Test
    void duplicateEmailsAreOneAccountWhateverTheirCase() {
        register("A", "B", "a@example.org", PASSWORD);
        User first = user("a@example.org");

        Response r = register("C", "D", "A@EXAMPLE.ORG", "another password");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).containsEntry("message", "Email already registered").containsEntry("code", "email_taken");
        assertThat(user("a@example.org")).isEqualTo(first);
        assertThat(server.mailer().sent()).hasSize(1);
    }

    @Test
    void malformedAndOversizedBodiesGetClearAnswers() {
        assertThat(client.postRaw("/api/auth/register", "application/json", "{\"email\": ").status()).isEqualTo(400);
        assertThat(client.postRaw("/api/auth/register", "application/json", "[1,2]").json()).containsEntry("code", "invalid_json");
        Response wrongType = client.postRaw("/api/auth/register", "application/json",
                "{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":42,\"password\":\"correct horse\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json()).containsEntry("code", "invalid_field_type");
        Response huge = client.postRaw("/api/auth/register", "application/json",
                "{\"firstName\":\"" + "A".repeat(70 * 1024) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json()).containsEntry("code", "payload_too_large");
        assertThat(server.mailer().sent()).isEmpty();
    }

    @Test
    void confirmationActivatesTheAccountOnce() {
        register("Ada", "L", "ada@example.org", PASSWORD);
        String token = lastConfirmationToken("ada@example.org");

        Response r = client.get("/api/auth/confirm-email?token=" + token);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("message", "Email confirmed successfully! You can now sign in with your credentials.")
                .containsEntry("email", "ada@example.org");
        assertThat(user("ada@example.org").active()).isTrue();
        Response again = client.get("/api/auth/confirm-email?token=" + token);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json()).containsEntry("message", "Invalid confirmation token");
    }

    @Test
    void expiredForgedAndMissingConfirmationTokensAreRefused() {
        register("Ada", "L", "ada@example.org", PASSWORD);
        String token = lastConfirmationToken("ada@example.org");

        assertThat(client.get("/api/auth/confirm-email").json())
                .containsEntry("message", "Confirmation token is required").containsEntry("code", "token_required");
        assertThat(client.get("/api/auth/confirm-email?token=" + "0".repeat(64)).json())
                .containsEntry("message", "Invalid confirmation token");
        assertThat(client.get("/api/auth/confirm-email?token=%27%20OR%201=1--").json())
                .containsEntry("message", "Invalid confirmation token");
        server.clock().advance(Duration.ofHours(24).plusSeconds(1));
        Response expired = client.get("/api/auth/confirm-email?token=" + token);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json()).containsEntry("message", "Confirmation token has expired. Please request a new one.")
                .containsEntry("code", "token_expired");
        assertThat(user("ada@example.org").active()).isFalse();
    }

    @Test
    void resendGivesANewLinkAndVoidsTheOldOneWithoutRevealingAccounts() {
        register("Ada", "L", "ada@example.org", PASSWORD);
        String old = lastConfirmationToken("ada@example.org");
        String generic = "If an account exists with this email and is not yet confirmed, a new confirmation link has been sent.";

        assertThat(client.postJson("/api/auth/resend-confirmation", Map.of("email", "ADA@example.org")).json())
                .containsEntry("message", generic);
        assertThat(client.postJson("/api/auth/resend-confirmation", Map.of("email", "nobody@example.org")).json())
                .containsEntry("message", generic);
        assertThat(server.mailer().sent()).hasSize(2);
        String fresh = lastConfirmationToken("ada@example.org");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(client.get("/api/auth/confirm-email?token=" + old).status()).isEqualTo(400);
        assertThat(client.get("/api/auth/confirm-email?token=" + fresh).status()).isEqualTo(200);

        assertThat(client.postJson("/api/auth/resend-confirmation", Map.of("email", "ada@example.org")).status()).isEqualTo(200);
        assertThat(server.mailer().sent()).as("confirmed accounts get no more links").hasSize(2);
        Response invalid = client.postJson("/api/auth/resend-confirmation", Map.of("email", "nope"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json()).containsEntry("message", "Please enter a valid email address");
    }

    @Test
    void aMailFailureKeepsTheAccountAndTheUserCanAskAgain() {
        server.mailer().failNext(1);

        Response r = register("Ada", "L", "ada@example.org", PASSWORD);

        assertThat(r.status()).isEqualTo(201);
        assertThat(user("ada@example.org").active()).isFalse();
        assertThat(server.mailer().sent()).isEmpty();
        client.postJson("/api/auth/resend-confirmation", Map.of("email", "ada@example.org"));
        assertThat(client.get("/api/auth/confirm-email?token=" + lastConfirmationToken("ada@example.org")).status()).isEqualTo(200);
    }

    @Test
    void checkEmailAnswersWhetherAnAccountUsesTheAddress() {
        register("Ada", "L", "ada@example.org", PASSWORD);

        assertThat(client.get("/api/auth/check-email?email=ADA%40example.org").json()).containsEntry("exists", true);
        assertThat(client.get("/api/auth/check-email?email=bob%40example.org").json()).containsEntry("exists", false);
        Response missing = client.get("/api/auth/check-email");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json()).containsEntry("error", "Email is required").containsEntry("code", "email_required");
    }

    @Test
    void theLegacyConfirmRouteActivatesByActivationCodeOnce() {
        register("Old", "Timer", "old@example.org", PASSWORD);
        User old = user("old@example.org");
        String code = "4f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";
        server.stores().users().setLegacyActivationCode(old.id(), code);

        Response r = client.postJson("/api/auth/confirm", Map.of("url", "https://www.openml.org/auth/confirm-page/?token=" + code));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("message", "User confirmed successfully");
        assertThat(user("old@example.org").active()).isTrue();
        Response again = client.postJson("/api/auth/confirm", Map.of("url", "https://www.openml.org/auth/confirm-page/?token=" + code));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json()).containsEntry("message", "Invalid or expired confirmation token.");
    }

    @Test
    void theLegacyConfirmRouteRefusesMissingAndNonSecretCodes() {
        register("Pass", "Key", "pk@example.org", PASSWORD);
        server.stores().users().setLegacyActivationCode(user("pk@example.org").id(), "passkey_activated");

        assertThat(client.postJson("/api/auth/confirm", Map.of()).json()).containsEntry("message", "URL is required");
        assertThat(client.postJson("/api/auth/confirm", Map.of("url", "https://www.openml.org/x?y=1")).json())
                .containsEntry("message", "Token is missing");
        Response marker = client.postJson("/api/auth/confirm", Map.of("url", "https://www.openml.org/x?token=passkey_activated"));
        assertThat(marker.status()).isEqualTo(400);
        assertThat(marker.json()).containsEntry("message", "Invalid or expired confirmation token.");
        assertThat(user("pk@example.org").active()).isFalse();
    }

    @Test
    void unknownRoutesAnswer404Json() {
        Response r = client.get("/api/auth/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json()).containsEntry("code", "not_found");
        assertThat(r.header("Content-Type")).get().asString().startsWith("application/json");
    }
}
