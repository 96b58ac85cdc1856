package org.openml.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.MailException;
import org.slf4j.LoggerFactory;

/** Servers that are down or dead: the mailer fails fast, says what failed, and leaks nothing. */
class SmtpFailureTest {

    private static final String LOOPBACK = "127.0.0.1";

    private final Logger logger = (Logger) LoggerFactory.getLogger(SmtpMailer.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private static SmtpMailer mailer(int port, Duration timeout) {
        return SmtpMailer.create(SmtpConfig.builder(LOOPBACK, port, "OpenML <no-reply@openml.org>")
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .build());
    }

    @Test
    void serverDownIsAMailExceptionNamingTheServerWithinTheTimeout() throws IOException {
        int port = closedPort();
        SmtpMailer mailer = mailer(port, Duration.ofSeconds(2));

        long start = System.nanoTime();
        assertThatThrownBy(() -> mailer.send(TestMails.confirmation()))
                .isInstanceOf(MailException.class)
                .satisfies(e -> assertThat(((MailException) e).code()).isEqualTo(ErrorCode.MAIL_FAILED))
                .hasMessageContaining(LOOPBACK + ":" + port)
                .hasMessageContaining("could not connect")
                .hasMessageNotContaining(TestMails.CONFIRM_TOKEN)
                .hasMessageNotContaining(TestMails.CONFIRM_LINK.toString())
                .hasMessageNotContaining("jane.doe@example.org")
                .hasCauseInstanceOf(jakarta.mail.MessagingException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void failureIsLoggedAtWarnWithTheMaskedRecipientAndWithoutTheLink() throws IOException {
        SmtpMailer mailer = mailer(closedPort(), Duration.ofSeconds(2));

        assertThatThrownBy(() -> mailer.send(TestMails.passwordReset())).isInstanceOf(MailException.class);

        assertThat(logs.list).hasSize(1);
        ILoggingEvent event = logs.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getFormattedMessage())
                .contains("j…@example.org")
                .contains("password reset")
                .doesNotContain("jane.doe@example.org")
                .doesNotContain(TestMails.RESET_TOKEN);
        // No stack trace either: exception messages may quote the full address.
        assertThat(event.getThrowableProxy()).isNull();
    }

    @Test
    void serverThatAcceptsButNeverAnswersTimesOut() throws IOException {
        // Bound but never accepting: the kernel completes the TCP handshake, then nothing is said.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName(LOOPBACK))) {
            SmtpMailer mailer = mailer(silent.getLocalPort(), Duration.ofMillis(500));

            long start = System.nanoTime();
            assertThatThrownBy(() -> mailer.send(TestMails.confirmation()))
                    .isInstanceOf(MailException.class)
                    .hasMessageContaining("no answer from the server within PT0.5S")
                    .hasMessageContaining(LOOPBACK + ":" + silent.getLocalPort());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void verifyConnectionReportsAServerThatIsDown() throws IOException {
        int port = closedPort();

        assertThatThrownBy(() -> mailer(port, Duration.ofSeconds(2)).verifyConnection())
                .isInstanceOf(MailException.class)
                .hasMessageContaining("could not connect to smtp://" + LOOPBACK + ":" + port);
    }
}
