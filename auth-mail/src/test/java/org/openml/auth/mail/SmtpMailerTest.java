package org.openml.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.openml.auth.mail.TestMails.CONFIRM_LINK;
import static org.openml.auth.mail.TestMails.JANE;
import static org.openml.auth.mail.TestMails.RESET_LINK;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;

/** Sends through a real SMTP server (GreenMail) and reads what arrived. */
class SmtpMailerTest {

    // A free port per run: other modules' builds may be running GreenMail on the fixed test ports.
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private SmtpMailer mailer() {
        return SmtpMailer.create(SmtpConfig.of(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort(), false,
                "OpenML <no-reply@openml.org>"));
    }

    private static MimeMessage receiveOne() {
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).as("a message arrived").isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    /** The text/plain and text/html parts, decoded, checking the message's structure on the way. */
    private static String[] textAndHtml(MimeMessage message) throws Exception {
        assertThat(message.isMimeType("multipart/alternative")).as(message.getContentType()).isTrue();
        MimeMultipart multipart = (MimeMultipart) message.getContent();
        assertThat(multipart.getCount()).isEqualTo(2);
        BodyPart text = multipart.getBodyPart(0);
        BodyPart html = multipart.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).as(text.getContentType()).isTrue();
        assertThat(html.isMimeType("text/html")).as(html.getContentType()).isTrue();
        assertThat(text.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).containsIgnoringCase("charset=UTF-8");
        return new String[] {(String) text.getContent(), (String) html.getContent()};
    }

    @Test
    void confirmationArrivesWithSubjectSenderRecipientAndTheLinkInBothParts() throws Exception {
        mailer().send(TestMails.confirmation());

        MimeMessage message = receiveOne();
        assertThat(message.getSubject()).isEqualTo("Welcome to OpenML!");
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("no-reply@openml.org");
        assertThat(from.getPersonal()).isEqualTo("OpenML");
        assertThat(message.getRecipients(Message.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("jane.doe@example.org");
        assertThat(message.getSentDate()).isNotNull();
        assertThat(message.getMessageID()).endsWith("openml.org>");

        String[] parts = textAndHtml(message);
        assertThat(parts[0]).contains(CONFIRM_LINK.toString()).contains("Jane").contains("24 hours");
        assertThat(parts[1]).contains("href=\"" + CONFIRM_LINK + "\"").contains(">" + CONFIRM_LINK + "<");
        assertThat(MailLinks.extract(parts[0])).isEqualTo(CONFIRM_LINK);
        assertThat(MailLinks.extract(parts[1])).isEqualTo(CONFIRM_LINK);
        assertThat(MailLinks.extract(message)).isEqualTo(CONFIRM_LINK);
    }

    @Test
    void passwordResetArrivesWithItsSubjectAndLink() throws Exception {
        mailer().send(TestMails.passwordReset());

        MimeMessage message = receiveOne();
        assertThat(message.getSubject()).isEqualTo("Reset Your OpenML Password");
        assertThat(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress())
                .isEqualTo("jane.doe@example.org");
        String[] parts = textAndHtml(message);
        assertThat(parts[0]).contains(RESET_LINK.toString()).contains("1 hour");
        assertThat(parts[1]).contains("href=\"" + RESET_LINK + "\"");
        assertThat(MailLinks.extract(parts[0])).isEqualTo(RESET_LINK);
        assertThat(MailLinks.extract(parts[1])).isEqualTo(RESET_LINK);
    }

    @Test
    void linkWithSeveralQueryParametersSurvivesTheTripThroughHtml() throws Exception {
        URI link = URI.create("https://www.openml.org/auth/confirm-email?token=abc123&next=%2Fdatasets");
        mailer().send(new Mail.Confirmation(JANE, "Jane", link));

        String[] parts = textAndHtml(receiveOne());
        assertThat(parts[1]).contains("href=\"https://www.openml.org/auth/confirm-email?token=abc123&amp;next=%2Fdatasets\"");
        assertThat(MailLinks.extract(parts[0])).isEqualTo(link);
        assertThat(MailLinks.extract(parts[1])).isEqualTo(link);
    }

    @Test
    void scriptInTheNameIsEscapedInHtml() throws Exception {
        mailer().send(new Mail.Confirmation(JANE, "<script>alert('x')</script>", CONFIRM_LINK));

        String[] parts = textAndHtml(receiveOne());
        assertThat(parts[1]).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        // Plain text is not interpreted, so there the name appears as typed.
        assertThat(parts[0]).contains("<script>alert('x')</script>");
    }

    @Test
    void nonAsciiNamesAndAddressesArriveIntact() throws Exception {
        mailer().send(new Mail.PasswordReset(new Email("zoe@example.org"), "Zoë Ångström 李", RESET_LINK));

        String[] parts = textAndHtml(receiveOne());
        assertThat(parts[0]).contains("Zoë Ångström 李");
        assertThat(parts[1]).contains("Zoë Ångström 李");
        assertThat(MailLinks.extract(parts[0])).isEqualTo(RESET_LINK);
    }

    @Test
    void verifyConnectionSucceedsAgainstARunningServerAndSendsNothing() {
        assertThatCode(() -> mailer().verifyConnection()).doesNotThrowAnyException();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void oneMailerSendsManyMessages() {
        SmtpMailer mailer = mailer();
        mailer.send(TestMails.confirmation());
        mailer.send(TestMails.passwordReset());

        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()).extracting(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).containsExactly("Welcome to OpenML!", "Reset Your OpenML Password");
    }

    @Test
    void aSecurityNoticeArrivesAndLineBreaksInNamesCannotAddHeaders() throws Exception {
        Mail.SecurityNotice notice = new Mail.SecurityNotice(JANE, "Jane\r\nBcc: attacker@evil.example\r\n\r\nforged body",
                TestMails.ACCOUNT_LINK, Mail.SecurityNotice.Change.PASSKEY_ADDED, TestMails.AT, "203.0.113.9",
                java.util.Optional.of("Key\r\nSubject: pwned\nX-Evil: 1"), TestMails.FORGOT_LINK);

        mailer().send(notice);

        MimeMessage message = receiveOne();
        assertThat(message.getSubject()).isEqualTo("A passkey was added to your OpenML account");
        assertThat(message.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("jane.doe@example.org");
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("X-Evil")).isNull();
        assertThat(message.getHeader("Subject")).hasSize(1);
        assertThat(greenMail.getReceivedMessagesForDomain("evil.example")).isEmpty();
        String[] parts = textAndHtml(message);
        assertThat(parts[0]).contains("Hello Jane Bcc: attacker@evil.example forged body,")
                .contains("A passkey named \u201cKey Subject: pwned X-Evil: 1\u201d was added")
                .contains("2025-06-07 08:09 UTC").contains("203.0.113.9")
                .contains(TestMails.ACCOUNT_LINK.toString()).contains(TestMails.FORGOT_LINK.toString());
        assertThat(MailLinks.extract(message)).isEqualTo(TestMails.ACCOUNT_LINK);
    }

    @Test
    void anAddressThatReadsAsAnotherIsNotMailed() {
        // Stored as its own account, "<jane@example.org>" would otherwise be delivered to jane@example.org.
        for (String tricky : java.util.List.of("<jane@example.org>", "(x)jane@example.org", "Eve<jane@example.org>")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mailer().send(new Mail.Confirmation(new Email(tricky), "Eve",
                    CONFIRM_LINK))).as(tricky).isInstanceOf(org.openml.auth.core.error.MailException.class);
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
