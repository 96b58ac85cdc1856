package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;

/**
 * The mail server goes down and comes back (a real SMTP server, GreenMail, stopped and started on
 * the same port): registration keeps the account and says the mail could not be sent, forgot and
 * resend keep their generic answers, and once SMTP is back a resent link arrives and works.
 */
class SmtpOutageTest {
    static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");
    static final String ADA = "ada@example.org";

    @TempDir
    Path dir;
    GreenMail smtp;
    AttackTarget target;

    @AfterEach
    void stop() {
        if (target != null) target.close();
        if (smtp != null) smtp.stop();
    }

    @Test
    void anAccountRegisteredWhileSmtpIsDownIsKeptAndConfirmedOnceSmtpIsBack() throws Exception {
        int port = AttackTarget.freePort();
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        target = AttackTarget.start(dir, Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(port),
                "SMTP_FROM", "OpenML <no-reply@openml.org>"));
        AuthHttpClient browser = target.browser();

        long start = System.nanoTime();
        Response registered = browser.postJson("/api/auth/register",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "email", ADA, "password", AttackTarget.PASSWORD));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no long hang on a refused connection").isLessThan(Duration.ofSeconds(10));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat((String) registered.json().get("message")).contains("could not be sent").contains("request a new confirmation link");
        assertThat(registered.json()).containsEntry("confirmationMailSent", false);
        assertThat(target.count("SELECT COUNT(*) FROM users WHERE email = ?", ADA)).as("the account is kept").isEqualTo(1);
        assertThat(target.count("SELECT COUNT(*) FROM users u JOIN users_groups g ON g.user_id = u.id WHERE u.email = ?", ADA))
                .isEqualTo(1);
        Response resendWhileDown = browser.postJson("/api/auth/resend-confirmation", Map.of("email", ADA));
        assertThat(resendWhileDown.status()).as("generic, mail failure or not").isEqualTo(200);
        assertThat(browser.postJson("/api/auth/forgot-password", Map.of("email", ADA)).status()).isEqualTo(200);
        assertThat(browser.signIn(ADA, AttackTarget.PASSWORD).status()).as("not confirmed").isEqualTo(401);

        smtp = new GreenMail(setup);
        smtp.start();
        assertThat(browser.postJson("/api/auth/resend-confirmation", Map.of("email", ADA)).status()).isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).as("the resent mail arrives").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(ADA);
        Matcher m = LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "="));
        assertThat(m.find()).isTrue();
        String token = m.group().substring(m.group().indexOf("token=") + 6);

        assertThat(browser.get("/api/auth/confirm-email?token=" + token).status()).isEqualTo(200);
        assertThat(browser.signIn(ADA, AttackTarget.PASSWORD).status()).isEqualTo(200);

        // Down again: a new registration tells the truth again, and the server is otherwise fine.
        smtp.stop();
        smtp = null;
        Response second = browser.postJson("/api/auth/register",
                Map.of("firstName", "Grace", "lastName", "Hopper", "email", "grace@example.org", "password", AttackTarget.PASSWORD));
        assertThat(second.status()).isEqualTo(201);
        assertThat((String) second.json().get("message")).contains("could not be sent");
        assertThat(browser.get("/health").status()).isEqualTo(200);
    }
}
