package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient.Response;

/**
 * Header injection through what users type and the server puts into mail: names (the greeting)
 * and email addresses (the recipient), via register, resend and forgot-password, delivered to a
 * real SMTP server (GreenMail). Every mail that arrives has exactly one recipient, the address of
 * the account as stored, no Cc/Bcc, and only the headers the server writes.
 */
class MailHeaderInjectionTest {
    static final String EVIL = "evil@evil.example";

    @TempDir
    Path dir;
    GreenMail smtp;
    AttackTarget target;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        target = AttackTarget.start(dir, Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "SMTP_FROM", "OpenML <no-reply@openml.org>"));
    }

    @AfterEach
    void stop() {
        if (target != null) target.close();
        if (smtp != null) smtp.stop();
    }

    static final List<String> NAMES = List.of(
            "Ada\r\nBcc: " + EVIL, "Ada\nCc: " + EVIL, "Ada\rTo: " + EVIL, "=?UTF-8?Q?Ada=0D=0ABcc:_" + EVIL + "?=",
            "Ada\u2028Bcc: " + EVIL, "Ada\u0085Bcc: " + EVIL, "Ada%0d%0aBcc:%20" + EVIL, "\"Ada\" <" + EVIL + ">");

    static final List<String> EMAILS = List.of(
            "ada@example.org\r\nBcc: " + EVIL, "ada@example.org\nCc: " + EVIL, "ada@example.org%0d%0aBcc:" + EVIL,
            "ada@example.org," + EVIL, "ada@example.org;" + EVIL, "Ada <ada@example.org>", "<ada@example.org>",
            "ada@example.org>", "x:ada@example.org;", "\"ada@example.org\"", "(comment)ada@example.org",
            "ada(comment)@example.org", "ada@example.org (Bcc: evil)", "ada@[127.0.0.1]", "ada@example.org\u2028Bcc: " + EVIL);

    @Test
    void namesCannotAddHeadersOrRecipients() throws Exception {
        List<String> failures = new ArrayList<>();
        int i = 0;
        for (String name : NAMES) {
            String email = "user" + (i++) + "@example.org";
            Response r = target.browser().postJson("/api/auth/register", Map.of("firstName", name, "lastName", name,
                    "email", email, "password", AttackTarget.PASSWORD));
            if (r.status() != 201 && r.status() != 400) failures.add(shown(name) + " -> " + r.status() + " " + r.body());
        }
        assertThat(failures).isEmpty();
        assertOnlyTheAccountsWereMailed();
        // Forgot-password and resend put the stored name into their mails too.
        for (int n = 0; n < i; n++) {
            target.browser().postJson("/api/auth/resend-confirmation", Map.of("email", "user" + n + "@example.org"));
            target.browser().postJson("/api/auth/forgot-password", Map.of("email", "user" + n + "@example.org"));
        }
        assertOnlyTheAccountsWereMailed();
    }

    @Test
    void emailsCannotAddHeadersOrRecipients() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String email : EMAILS) {
            Response r = target.browser().postJson("/api/auth/register", Map.of("firstName", "Eve", "lastName", "M",
                    "email", email, "password", AttackTarget.PASSWORD));
            if (r.status() != 201 && r.status() != 400) failures.add(shown(email) + " -> " + r.status() + " " + r.body());
            target.browser().postJson("/api/auth/forgot-password", Map.of("email", email));
            target.browser().postJson("/api/auth/resend-confirmation", Map.of("email", email));
        }
        assertThat(failures).isEmpty();
        assertOnlyTheAccountsWereMailed();
    }

    /** Every mail: one recipient, equal to a stored account address; no Cc/Bcc; nothing for the attacker. */
    void assertOnlyTheAccountsWereMailed() throws Exception {
        smtp.waitForIncomingEmail(2_000, Integer.MAX_VALUE); // let the last deliveries land
        List<String> stored = storedEmails();
        List<String> failures = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            Address[] to = m.getRecipients(Message.RecipientType.TO);
            String subject = m.getSubject();
            if (to == null || to.length != 1) failures.add(subject + ": recipients " + (to == null ? "none" : List.of(to)));
            else if (!stored.contains(((InternetAddress) to[0]).getAddress())) failures.add(subject + ": mailed " + to[0]);
            if (m.getRecipients(Message.RecipientType.CC) != null || m.getRecipients(Message.RecipientType.BCC) != null) {
                failures.add(subject + ": has Cc/Bcc");
            }
            for (String header : Collections.list(m.getAllHeaderLines())) {
                String name = header.substring(0, Math.max(0, header.indexOf(':'))).toLowerCase();
                if (!List.of("return-path", "received", "date", "from", "to", "message-id", "subject", "mime-version", "content-type")
                        .contains(name)) {
                    failures.add(subject + ": unexpected header " + shown(header));
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(smtp.getReceivedMessagesForDomain("evil.example")).isEmpty();
    }

    List<String> storedEmails() throws Exception {
        List<String> emails = new ArrayList<>();
        target.snapshot(); // the database is readable
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("auth.db"));
                var rs = c.createStatement().executeQuery("SELECT email FROM users")) {
            while (rs.next()) emails.add(rs.getString(1));
        }
        return emails;
    }

    static String shown(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\u2028", "\\u2028").replace("\u0085", "\\u0085");
    }
}
