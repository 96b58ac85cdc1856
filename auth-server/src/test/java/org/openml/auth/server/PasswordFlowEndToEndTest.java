package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;

/**
 * The whole password flow against the real server: SQLite file, real SMTP server (GreenMail),
 * links followed from the mails that arrived.
 */
class PasswordFlowEndToEndTest {
    static final String PASSWORD = "correct horse battery staple";
    static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Map<String, String> env(int port, int smtpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEXTAUTH_URL", "http://localhost:" + port);
        env.put("NEXTAUTH_SECRET", "end-to-end-secret-0123456789abcdef0123");
        env.put("SQLITE_PATH", dir.resolve("auth.db").toString());
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(smtpPort));
        env.put("SMTP_FROM", "OpenML <no-reply@openml.org>");
        return env;
    }

    String linkFromLastMail(String subject) throws Exception {
        MimeMessage[] messages = smtp.getReceivedMessages();
        MimeMessage last = messages[messages.length - 1];
        assertThat(last.getSubject()).isEqualTo(subject);
        Matcher m = LINK.matcher(GreenMailUtil.getBody(last).replace("=\r\n", "").replace("=3D", "="));
        assertThat(m.find()).as("the mail holds a link").isTrue();
        return m.group();
    }

    @Test
    void registerConfirmSignInResetAndSignInAgain() throws Exception {
        int port = freePort();
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env(port, ServerSetupTest.SMTP.getPort()))).start()) {
            AuthHttpClient browser = new AuthHttpClient(java.net.URI.create("http://localhost:" + port));

            assertThat(browser.get("/ready").json()).containsEntry("status", "ready");
            Response registered = browser.postJson("/api/auth/register",
                    Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org", "password", PASSWORD));
            assertThat(registered.status()).isEqualTo(201);
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            String confirm = linkFromLastMail("Welcome to OpenML!");
            assertThat(confirm).startsWith("http://localhost:" + port + "/auth/confirm-email?token=");

            assertThat(browser.signIn("ada@example.org", PASSWORD).status()).as("not confirmed yet").isEqualTo(401);
            String token = confirm.substring(confirm.indexOf("token=") + 6);
            assertThat(browser.get("/api/auth/confirm-email?token=" + token).status()).isEqualTo(200);
            assertThat(browser.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
            assertThat(browser.get("/api/auth/session").json()).containsKey("user").containsKey("apikey");

            assertThat(browser.postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org")).status()).isEqualTo(200);
            assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
            String reset = linkFromLastMail("Reset Your OpenML Password");
            String resetToken = reset.substring(reset.indexOf("token=") + 6);
            assertThat(browser.postJson("/api/auth/reset-password", Map.of("token", resetToken, "password", "a new passphrase"))
                    .status()).isEqualTo(200);

            // The owner is told, through real SMTP, with links from the configured public URL.
            assertThat(smtp.waitForIncomingEmail(10_000, 3)).isTrue();
            MimeMessage[] received = smtp.getReceivedMessages();
            MimeMessage notice = received[received.length - 1];
            assertThat(notice.getSubject()).isEqualTo("Your OpenML password was changed");
            String body = GreenMailUtil.getBody(notice).replace("=\r\n", "").replace("=3D", "=");
            assertThat(body).contains("http://localhost:" + port + "/account")
                    .contains("http://localhost:" + port + "/auth/forgot-password").contains("If it was not you")
                    .doesNotContain(resetToken).doesNotContain("a new passphrase");
            assertThat(linkFromLastMail("Your OpenML password was changed")).isEqualTo("http://localhost:" + port + "/account");

            AuthHttpClient other = new AuthHttpClient(java.net.URI.create("http://localhost:" + port));
            assertThat(other.signIn("ada", PASSWORD).status()).isEqualTo(401);
            assertThat(other.signIn("ada", "a new passphrase").status()).isEqualTo(200);
            // Refused sign-ins are written in the background: give the last one a moment.
            List<Map<String, Object>> events = List.of();
            for (int i = 0; i < 500 && events.size() < 7; i++) {
                if (i > 0) Thread.sleep(10);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> read = (List<Map<String, Object>>) other.get("/api/user/activity").json().get("events");
                events = read;
            }
            assertThat(events).extracting(e -> e.get("type") + "/" + e.get("outcome")).containsExactly("sign_in/success",
                    "sign_in/failure", "password_reset/success", "sign_in/success", "email_confirmed/success",
                    "sign_in/failure", "account_created/success");
            assertThat(browser.get("/health").json()).containsEntry("status", "ok");
            assertThat(browser.get("/nope").status()).isEqualTo(404);
        }
    }

    @Test
    void anSmtpOutageAtRegistrationKeepsTheAccount() throws Exception {
        int port = freePort();
        int closedSmtpPort = freePort();
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env(port, closedSmtpPort))).start()) {
            AuthHttpClient browser = new AuthHttpClient(java.net.URI.create("http://localhost:" + port));

            Response r = browser.postJson("/api/auth/register",
                    Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org", "password", PASSWORD));

            assertThat(r.status()).isEqualTo(201);
            assertThat(browser.get("/api/auth/check-email?email=ada%40example.org").json()).containsEntry("exists", true);
            assertThat(browser.postJson("/api/auth/resend-confirmation", Map.of("email", "ada@example.org")).status())
                    .as("resend answers generically even while mail is down").isEqualTo(200);
        }
    }

    @Test
    void theDatabaseSurvivesARestart() throws Exception {
        int port = freePort();
        Map<String, String> env = env(port, ServerSetupTest.SMTP.getPort());
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env)).start()) {
            new AuthHttpClient(java.net.URI.create("http://localhost:" + port)).postJson("/api/auth/register",
                    Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org", "password", PASSWORD));
        }
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env)).start()) {
            assertThat(new AuthHttpClient(java.net.URI.create("http://localhost:" + port))
                    .get("/api/auth/check-email?email=ada%40example.org").json()).containsEntry("exists", true);
        }
    }

    /** AUTH_ENUMERATION_PROTECTION=true through the real server and a real SMTP server. */
    @Test
    void strictEnumerationProtectionMailsTheOwnerAndAnswersAlike() throws Exception {
        int port = freePort();
        Map<String, String> env = env(port, ServerSetupTest.SMTP.getPort());
        env.put("AUTH_ENUMERATION_PROTECTION", "true");
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env)).start()) {
            AuthHttpClient browser = new AuthHttpClient(java.net.URI.create("http://localhost:" + port));
            Response first = browser.postJson("/api/auth/register",
                    Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org", "password", PASSWORD));
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            assertThat(linkFromLastMail("Welcome to OpenML!")).contains("/auth/confirm-email?token=");

            Response again = browser.postJson("/api/auth/register",
                    Map.of("firstName", "Eve", "lastName", "X", "email", "ada@example.org", "password", "eve's own passphrase"));

            assertThat(again.status()).isEqualTo(first.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
            assertThat(linkFromLastMail("Someone tried to sign up with your email address"))
                    .isEqualTo("http://localhost:" + port + "/auth/sign-in");
            assertThat(smtp.getReceivedMessages()[1].getAllRecipients()[0].toString()).isEqualTo("ada@example.org");
            assertThat(browser.get("/api/auth/check-email?email=ada%40example.org").body()).isEqualTo("{\"exists\":false}");
        }
    }
}
