package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.User;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;

/**
 * Account enumeration at sign-up, in both modes: the default (OpenML's front end: "Email already
 * registered", check-email answers truthfully) and strict ({@code enumerationProtection(true)},
 * {@code AUTH_ENUMERATION_PROTECTION=true} on the server).
 */
class EnumerationProtectionTest {
    static final String PASSWORD = "correct horse battery staple";
    static final String REGISTERED = "Account created successfully. Please check your email to confirm your account.";
    static final String P = "/api/auth/passkey/";

    TestAuthServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    static Map<String, String> registration(String email, String password) {
        return Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email, "password", password);
    }

    static Map<String, String> passkeySignUp(String email) {
        return Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email);
    }

    @Nested
    class ByDefault {
        @Test
        void registerSaysTheAddressIsTakenAndCheckEmailTellsTheTruth() {
            server = TestAuthServer.start();
            Accounts.registerConfirmed(server, "ada@example.org", PASSWORD);
            AuthHttpClient client = server.newClient();

            Response taken = client.postJson("/api/auth/register", registration("ADA@example.org", "another good passphrase"));
            assertThat(taken.status()).isEqualTo(400);
            assertThat(taken.json()).containsEntry("code", "email_taken").containsEntry("message", "Email already registered");
            Response created = client.postJson("/api/auth/register", registration("new@example.org", PASSWORD));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json()).containsEntry("message", REGISTERED).containsEntry("username", "new");
            assertThat(client.get("/api/auth/check-email?email=ada@example.org").json()).containsEntry("exists", true);
            assertThat(client.get("/api/auth/check-email?email=nobody@example.org").json()).containsEntry("exists", false);
            assertThat(server.mailer().sent()).noneMatch(m -> m instanceof Mail.RegistrationAttempt);

            Response passkey = client.postJson(P + "signup-options", passkeySignUp("ada@example.org"));
            assertThat(passkey.status()).isEqualTo(400);
            assertThat(passkey.json()).containsEntry("code", "email_taken");
        }
    }

    @Nested
    class Strict {
        void startStrict() {
            server = TestAuthServer.start((stores, builder) -> builder.enumerationProtection(true));
            Accounts.registerConfirmed(server, "ada@example.org", PASSWORD);
            server.mailer().clear();
        }

        @Test
        void registerAnswersAlikeForTakenAndFreeAddressesAndMailsTheOwnerInstead() {
            startStrict();
            User before = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
            AuthHttpClient client = server.newClient();

            Response taken = client.postJson("/api/auth/register", registration("Ada@Example.org", "attacker's own passphrase"));
            Response free = client.postJson("/api/auth/register", registration("new@example.org", PASSWORD));

            assertThat(taken.status()).isEqualTo(201);
            assertThat(free.status()).isEqualTo(201);
            assertThat(taken.body()).isEqualTo(free.body());
            assertThat(taken.json()).containsOnlyKeys("message").containsEntry("message", REGISTERED);
            assertThat(taken.headers().keySet()).isEqualTo(free.headers().keySet());

            // Nothing changed for the owner: same account, same password, still signs in.
            User after = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
            assertThat(after).isEqualTo(before);
            assertThat(server.newClient().signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
            assertThat(server.newClient().signIn("ada@example.org", "attacker's own passphrase").status()).isEqualTo(401);

            Mail.RegistrationAttempt notice = server.mailer().lastTo("ada@example.org", Mail.RegistrationAttempt.class)
                    .orElseThrow();
            assertThat(notice.link()).hasToString(server.baseUrl() + "/auth/sign-in");
            assertThat(server.mailer().lastTo("ada@example.org", Mail.Confirmation.class)).isEmpty();
            assertThat(server.mailer().lastTo("new@example.org", Mail.Confirmation.class)).isPresent();
            assertThat(server.stores().users().findByEmail(new Email("new@example.org"))).isPresent();
        }

        @Test
        void badInputIsStillRefusedAsUsual() {
            startStrict();
            AuthHttpClient client = server.newClient();
            Response missing = client.postJson("/api/auth/register", Map.of("email", "ada@example.org"));
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json()).containsEntry("code", "fields_required");
            Response shortPassword = client.postJson("/api/auth/register", registration("ada@example.org", "short"));
            assertThat(shortPassword.status()).as("for a taken address too: validation comes first").isEqualTo(400);
            assertThat(shortPassword.json()).containsEntry("code", "password_too_short");
            assertThat(server.mailer().sent()).isEmpty();
        }

        @Test
        void aMailFailureDoesNotChangeTheAnswer() {
            startStrict();
            server.mailer().failNext(1);
            Response taken = server.newClient().postJson("/api/auth/register", registration("ada@example.org", "another passphrase 1"));
            assertThat(taken.status()).isEqualTo(201);
            assertThat(taken.json()).containsOnlyKeys("message");
        }

        @Test
        void checkEmailIsOffAndReadsNothing() {
            startStrict();
            AuthHttpClient client = server.newClient();
            for (String email : List.of("ada@example.org", "ADA@example.org", "nobody@example.org", "not-an-email")) {
                Response r = client.get("/api/auth/check-email?email=" + email);
                assertThat(r.status()).as(email).isEqualTo(200);
                assertThat(r.body()).as(email).isEqualTo("{\"exists\":false}");
            }
            Response missing = client.get("/api/auth/check-email");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json()).containsEntry("error", "Email is required");
        }

        @Test
        void passkeySignUpOptionsDoNotRevealTakenAddresses() {
            startStrict();
            AuthHttpClient client = server.newClient();
            Response taken = client.postJson(P + "signup-options", passkeySignUp("ada@example.org"));
            Response free = server.newClient().postJson(P + "signup-options", passkeySignUp("free@example.org"));

            assertThat(taken.status()).isEqualTo(200);
            assertThat(free.status()).isEqualTo(200);
            assertThat(taken.json().keySet()).isEqualTo(free.json().keySet());
            @SuppressWarnings("unchecked")
            Map<String, Object> user = (Map<String, Object>) taken.json().get("user");
            assertThat(user).containsEntry("name", "ada@example.org");
        }

        @Test
        void aCompletedPasskeySignUpForATakenAddressCreatesNothingAndMailsTheOwner() {
            startStrict();
            AuthHttpClient client = server.newClient();
            Response options = client.postJson(P + "signup-options", passkeySignUp("ada@example.org"));
            Map<String, Object> credential = new SoftwareAuthenticator().create(options.json(), server.baseUrl().toString());

            Response verify = client.postJson(P + "signup-verify", Map.of("credential", credential));

            assertThat(verify.status()).isEqualTo(400);
            assertThat(verify.json()).containsEntry("code", "passkey_verification_failed");
            assertThat(verify.headerValues("Set-Cookie")).noneMatch(c -> c.startsWith("next-auth.session-token="));
            User ada = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
            assertThat(server.passkeys().listByUser(ada.id())).isEmpty();
            assertThat(server.mailer().lastTo("ada@example.org", Mail.RegistrationAttempt.class)).isPresent();
        }
    }
}
