package org.openml.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.MailException;

/** SMTP AUTH against a server with one known account. */
class SmtpAuthenticationTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@openml.org", "mailer", "s3cret-pass"));

    private SmtpMailer mailer(String user, String password) {
        return SmtpMailer.create(SmtpConfig.builder(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort(),
                        "OpenML <no-reply@openml.org>")
                .credentials(user, password)
                .build());
    }

    @Test
    void sendsWhenTheLoginIsAccepted() throws Exception {
        mailer("mailer", "s3cret-pass").send(TestMails.confirmation());

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("Welcome to OpenML!");
        assertThat(MailLinks.extract(message)).isEqualTo(TestMails.CONFIRM_LINK);
    }

    @Test
    void refusedLoginIsAMailExceptionThatSaysSoWithoutLeakingThePassword() {
        SmtpMailer mailer = mailer("mailer", "wrong-pass");

        assertThatThrownBy(() -> mailer.send(TestMails.confirmation()))
                .isInstanceOf(MailException.class)
                .satisfies(e -> assertThat(((MailException) e).code()).isEqualTo(ErrorCode.MAIL_FAILED))
                .hasMessageContaining("refused the login")
                .hasMessageContaining(greenMail.getSmtp().getBindTo() + ":" + greenMail.getSmtp().getPort())
                .hasMessageNotContaining("wrong-pass")
                .hasMessageNotContaining(TestMails.CONFIRM_TOKEN);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void verifyConnectionChecksTheLoginToo() {
        mailer("mailer", "s3cret-pass").verifyConnection();

        assertThatThrownBy(() -> mailer("mailer", "wrong-pass").verifyConnection())
                .isInstanceOf(MailException.class)
                .hasMessageContaining("refused the login");
    }
}
