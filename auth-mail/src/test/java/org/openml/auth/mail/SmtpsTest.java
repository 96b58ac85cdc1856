package org.openml.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.error.MailException;

/** secure=true: TLS from the first byte, against GreenMail's SMTPS server and its self-signed certificate. */
class SmtpsTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

    private SmtpConfig.Builder config() {
        return SmtpConfig.builder(greenMail.getSmtps().getBindTo(), greenMail.getSmtps().getPort(),
                        "OpenML <no-reply@openml.org>")
                .secure(true);
    }

    @Test
    void sendsOverImplicitTlsWhenTheTestCertificateIsTrusted() throws Exception {
        SmtpMailer.create(config().trustAllCertificates(true).build()).send(TestMails.passwordReset());

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("Reset Your OpenML Password");
        assertThat(MailLinks.extract(message)).isEqualTo(TestMails.RESET_LINK);
    }

    @Test
    void refusesAnUntrustedCertificateByDefault() {
        SmtpMailer mailer = SmtpMailer.create(config().build());

        assertThatThrownBy(() -> mailer.send(TestMails.passwordReset()))
                .isInstanceOf(MailException.class)
                .hasMessageContaining("TLS handshake failed")
                .hasMessageNotContaining(TestMails.RESET_TOKEN);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
