package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.jdbc.ScratchMysqlDatabase;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;

/**
 * Every flow of the server against OpenML's real legacy schema, then proof that the legacy tables'
 * structure is byte for byte what it was (SHOW CREATE TABLE of every table of the dump).
 */
class LegacySchemaUntouchedTest {
    static final String PASSWORD = "correct horse battery staple";
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    private static Response register(AuthHttpClient client, String first, String email) {
        return client.postJson("/api/auth/register", Map.of("firstName", first, "lastName", "Lovelace", "email", email,
                "password", PASSWORD));
    }

    @Test
    void everyFlowLeavesTheLegacyTablesAsTheyWere() throws Exception {
        Map<String, String> before = mysql.db().structure();
        assertThat(before.keySet()).contains("users", "groups", "users_groups", "login_attempts", "access", "file");
        RecordingMailer mail = new RecordingMailer();

        try (AuthServer server = MysqlNodes.start(mysql.db().config(), mail)) {
            AuthHttpClient browser = MysqlNodes.client(server);

            // Sign-up (latin1 name), duplicate in another case, a name latin1 cannot hold.
            assertThat(register(browser, "Zoë", "zoe@example.org").status()).isEqualTo(201);
            assertThat(register(browser, "Zoë", "ZOE@Example.ORG").json()).containsEntry("code", "email_taken");
            Response chinese = register(browser, "李", "li@example.org");
            assertThat(chinese.status()).isEqualTo(400);
            assertThat(chinese.json()).containsEntry("code", "unsupported_characters");
            assertThat(browser.get("/api/auth/check-email?email=zoe%40example.org").json()).containsEntry("exists", true);
            assertThat(browser.postJson("/api/auth/resend-confirmation", Map.of("email", "zoe@example.org")).status())
                    .isEqualTo(200);

            // Confirmation, sign-in, session, API key, whoami, sign-out.
            String confirm = RecordingMailer.tokenOf(mail.lastTo("zoe@example.org", Mail.Confirmation.class).orElseThrow().link());
            assertThat(browser.get("/api/auth/confirm-email?token=" + confirm).status()).isEqualTo(200);
            assertThat(browser.signIn("zoe@example.org", PASSWORD).status()).isEqualTo(200);
            assertThat(browser.get("/api/auth/session").json()).containsKey("user");
            String key = (String) browser.get("/api/user/api-key").json().get("apikey");
            String newKey = (String) browser.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token",
                    browser.csrfToken()).json().get("apiKey");
            assertThat(newKey).isNotEqualTo(key);
            assertThat(browser.get("/api/user/whoami?api_key=" + newKey).status()).isEqualTo(200);
            assertThat(browser.postForm("/api/auth/signout", Map.of("csrfToken", browser.csrfToken(), "json", "true"))
                    .status()).isLessThan(400);

            // Password reset, then sign-in with the new password (the hash is re-written on the way).
            assertThat(browser.postJson("/api/auth/forgot-password", Map.of("email", "zoe@example.org")).status()).isEqualTo(200);
            String reset = RecordingMailer.tokenOf(mail.lastTo("zoe@example.org", Mail.PasswordReset.class).orElseThrow().link());
            assertThat(browser.postJson("/api/auth/reset-password", Map.of("token", reset, "password", "a new passphrase"))
                    .status()).isEqualTo(200);
            assertThat(browser.signIn("zoe", "a new passphrase").status()).isEqualTo(200);

            // A link mailed by the old PHP site (users.activation_code).
            assertThat(register(browser, "Grace", "grace@example.org").status()).isEqualTo(201);
            mysql.db().update("UPDATE users SET activation_code = 'legacy0123456789abcdef' WHERE email = 'grace@example.org'");
            assertThat(browser.postJson("/api/auth/confirm", Map.of("url",
                    "https://www.openml.org/auth/confirm-page/?token=legacy0123456789abcdef")).status()).isEqualTo(200);
        }

        Map<String, String> after = mysql.db().structure();
        Map<String, String> legacyAfter = after.entrySet().stream().filter(e -> before.containsKey(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(legacyAfter).isEqualTo(before);
        assertThat(after.keySet()).containsAll(before.keySet());
        assertThat(mysql.db().strings("SELECT CONCAT(u.email, ' ', ug.group_id, ' ', u.active) FROM users u"
                + " JOIN users_groups ug ON ug.user_id = u.id ORDER BY u.id"))
                .containsExactly("zoe@example.org 2 1", "grace@example.org 2 1");
        assertThat(mysql.db().strings("SELECT HEX(first_name) FROM users WHERE email = 'zoe@example.org'")).containsExactly("5A6FEB");
    }
}
