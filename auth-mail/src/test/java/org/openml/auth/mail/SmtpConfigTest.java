package org.openml.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpConfigTest {

    private static final String FROM = "OpenML <no-reply@openml.org>";

    @Test
    void defaultsAreTenSecondTimeoutsNoLoginAndCheckedCertificates() {
        SmtpConfig config = SmtpConfig.of(" smtp.example.org ", 587, false, FROM);

        assertThat(config.host()).isEqualTo("smtp.example.org");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.user()).isEmpty();
        assertThat(config.password()).isEmpty();
        assertThat(config.trustAllCertificates()).isFalse();
        assertThat(config.fromAddress().getAddress()).isEqualTo("no-reply@openml.org");
        assertThat(config.fromAddress().getPersonal()).isEqualTo("OpenML");
        assertThat(config.endpoint()).isEqualTo("smtp.example.org:587");
    }

    @Test
    void toStringNeverShowsThePassword() {
        SmtpConfig config = SmtpConfig.of("smtp.example.org", 465, true, FROM).withCredentials("mailer", "hunter2-secret");

        assertThat(config.toString()).doesNotContain("hunter2-secret").contains("password=<redacted>").contains("user=mailer");
    }

    @Test
    void blankUserAndPasswordMeanNoLogin() {
        SmtpConfig config = new SmtpConfig("smtp.example.org", 25, false, Optional.of("  "), Optional.of(""), FROM,
                Duration.ofSeconds(5), Duration.ofSeconds(5), false);

        assertThat(config.user()).isEmpty();
        assertThat(config.password()).isEmpty();
        assertThat(SmtpMailer.properties(config, "smtp").getProperty("mail.smtp.auth")).isEqualTo("false");
    }

    @Test
    void everyProblemIsListedInOneMessage() {
        assertThatThrownBy(() -> new SmtpConfig(" ", 0, false, Optional.of("mailer"), Optional.empty(), "not an address",
                Duration.ZERO, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SMTP host is required")
                .hasMessageContaining("SMTP port must be between 1 and 65535, was 0")
                .hasMessageContaining("SMTP password is required when an SMTP user is given")
                .hasMessageContaining("SMTP from address is not a valid address")
                .hasMessageContaining("SMTP connect timeout must be positive")
                .hasMessageContaining("SMTP read timeout is required");
    }

    @Test
    void fromMustBeOneAddressWithADomain() {
        assertThatThrownBy(() -> SmtpConfig.of("smtp.example.org", 25, false, "no-reply"))
                .hasMessageContaining("SMTP from address is not a valid address");
        assertThatThrownBy(() -> SmtpConfig.of("smtp.example.org", 25, false, "a@openml.org, b@openml.org"))
                .hasMessageContaining("SMTP from address");
        assertThatThrownBy(() -> SmtpConfig.of("smtp.example.org", 25, false, ""))
                .hasMessageContaining("SMTP from address is required");
        assertThat(SmtpConfig.of("smtp.example.org", 25, false, "no-reply@openml.org").fromAddress().getPersonal()).isNull();
    }

    @Test
    void passwordWithoutUserIsRefused() {
        assertThatThrownBy(() -> SmtpConfig.builder("smtp.example.org", 25, FROM).credentials(null, "pw").build())
                .hasMessageContaining("SMTP user is required when an SMTP password is given")
                .hasMessageNotContaining("pw'");
    }

    @Test
    void secureUsesSmtpsAndPlainUsesOpportunisticStarttls() {
        var secure = SmtpMailer.properties(SmtpConfig.of("smtp.example.org", 465, true, FROM), "smtps");
        assertThat(secure.getProperty("mail.smtps.ssl.enable")).isEqualTo("true");
        assertThat(secure.getProperty("mail.smtps.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(secure.getProperty("mail.smtps.connectiontimeout")).isEqualTo("10000");
        assertThat(secure.getProperty("mail.smtps.timeout")).isEqualTo("10000");
        assertThat(secure.getProperty("mail.smtps.writetimeout")).isEqualTo("10000");
        assertThat(secure.getProperty("mail.smtps.ssl.trust")).isNull();

        var plain = SmtpMailer.properties(SmtpConfig.of("smtp.example.org", 587, false, FROM)
                .withCredentials("u", "p"), "smtp");
        assertThat(plain.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
        assertThat(plain.getProperty("mail.smtp.starttls.required")).isEqualTo("false");
        assertThat(plain.getProperty("mail.smtp.auth")).isEqualTo("true");
        assertThat(plain.getProperty("mail.smtp.ssl.enable")).isNull();
    }
}
