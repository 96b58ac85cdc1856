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
 * the same port): every mail goes into the durable outbox, so registration answers at once and
 * says the link is on its way, nobody has to ask again, and the mail queued while SMTP was down is
 * delivered once it is back: by the same server, and by a new one after a restart.
 */
class SmtpOutageTest {
    static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");
    static final String ADA = "ada@example.org";
    /** Retry quickly, so the test does not wait for the production back-off. */
    static final Map<String, String> FAST_RETRIES = Map.of("AUTH_MAIL_POLL", "PT0.2S", "AUTH_MAIL_RETRY_FIRST", "PT0.3S",
            "AUTH_MAIL_RETRY_MAX", "PT1S");

    @TempDir
    Path dir;
    GreenMail smtp;
    AttackTarget target;

    @AfterEach
    void stop() {
        if (target != null) target.close();
        if (smtp != null) smtp.stop();
    }

    private AttackTarget server(int smtpPort) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(FAST_RETRIES);
        env.putAll(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtpPort), "SMTP_FROM", "OpenML <no-reply@openml.org>"));
        return AttackTarget.start(dir, env);
    }

    /** Moves the server's (test) clock on while waiting, so the retry back-off runs out. */
    private boolean arrives() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            if (smtp.getReceivedMessages().length > 0) return true;
            target.clock.advance(Duration.ofSeconds(1));
            Thread.sleep(250);
        }
        return smtp.getReceivedMessages().length > 0;
    }

    private static String token(MimeMessage mail) throws Exception {
        Matcher m = LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "="));
        assertThat(m.find()).isTrue();
        return m.group().substring(m.group().indexOf("token=") + 6);
    }

    @Test
    void aMailAcceptedWhileSmtpIsDownIsDeliveredWhenItIsBack() throws Exception {
        int port = AttackTarget.freePort();
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        target = server(port);
        AuthHttpClient browser = target.browser();

        long start = System.nanoTime();
        Response registered = browser.postJson("/api/auth/register",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "email", ADA, "password", AttackTarget.PASSWORD));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("SMTP is not on the request's path").isLessThan(Duration.ofSeconds(5));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat((String) registered.json().get("message")).isEqualTo(
                "Account created successfully. Please check your email to confirm your account.");
        assertThat(registered.json()).as("queued: on its way").containsEntry("confirmationMailSent", true);
        assertThat(target.count("SELECT COUNT(*) FROM users WHERE email = ?", ADA)).as("the account is kept").isEqualTo(1);
        assertThat(browser.postJson("/api/auth/forgot-password", Map.of("email", ADA)).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) { // a few failed attempts: the server's clock moves past each back-off
            target.clock.advance(Duration.ofSeconds(2));
            Thread.sleep(400);
        }
        assertThat(target.count("SELECT COUNT(*) FROM mail_outbox WHERE attempts > 1")).as("retried, still queued").isEqualTo(1);
        assertThat(target.count("SELECT COUNT(*) FROM mail_outbox WHERE payload LIKE '%token%' OR payload LIKE '%example.org%'"))
                .as("the queued mail (its link, its address) is encrypted at rest").isZero();

        smtp = new GreenMail(setup);
        smtp.start();
        assertThat(arrives()).as("the queued mail arrives without anyone asking again").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(ADA);
        assertThat(browser.get("/api/auth/confirm-email?token=" + token(mail)).status()).isEqualTo(200);
        assertThat(browser.signIn(ADA, AttackTarget.PASSWORD).status()).isEqualTo(200);
        long until = System.currentTimeMillis() + 5_000;
        while (target.count("SELECT COUNT(*) FROM mail_outbox") > 0 && System.currentTimeMillis() < until) Thread.sleep(50);
        assertThat(target.count("SELECT COUNT(*) FROM mail_outbox")).as("sent mails leave the outbox").isZero();
        assertThat(browser.get("/health").status()).isEqualTo(200);
    }

    @Test
    void aMailQueuedBeforeARestartIsDeliveredByTheNextStart() throws Exception {
        int port = AttackTarget.freePort();
        target = server(port);
        Response registered = target.browser().postJson("/api/auth/register",
                Map.of("firstName", "Grace", "lastName", "Hopper", "email", "grace@example.org", "password", AttackTarget.PASSWORD));
        assertThat(registered.status()).isEqualTo(201);
        target.close();
        target = null;

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertThat(smtp.waitForIncomingEmail(1_000, 1)).as("nobody is sending while the server is down").isFalse();
        target = server(port);
        assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("the next start sends what was queued").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("grace@example.org");
        assertThat(target.browser().get("/api/auth/confirm-email?token=" + token(mail)).status()).isEqualTo(200);
    }
}
