package org.openml.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogMailerTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(LogMailer.class);
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

    @Test
    void logsTheSubjectAndTheFullLinkWithTheRecipientMasked() {
        new LogMailer().send(TestMails.confirmation());

        assertThat(logs.list).hasSize(1);
        ILoggingEvent event = logs.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.INFO);
        assertThat(event.getFormattedMessage())
                .isEqualTo("Mail to j…@example.org: Welcome to OpenML! — link: " + TestMails.CONFIRM_LINK);
        assertThat(MailLinks.extract(event.getFormattedMessage())).isEqualTo(TestMails.CONFIRM_LINK);
    }

    @Test
    void logsPasswordResetsToo() {
        new LogMailer().send(TestMails.passwordReset());

        assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("Mail to j…@example.org: Reset Your OpenML Password — link: " + TestMails.RESET_LINK);
    }

    @Test
    void neverThrows() {
        assertThatCode(() -> new LogMailer().send(null)).doesNotThrowAnyException();
    }
}
