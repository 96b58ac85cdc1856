package org.openml.auth.mail;

import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.port.out.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development fallback when no SMTP server is configured: writes each message to the log at
 * INFO instead of sending it, for example
 * {@code Mail to j…@example.org: Welcome to OpenML! — link: https://…/auth/confirm-email?token=…}.
 *
 * <p>The link, one-time token included, <em>is</em> logged on purpose, so a developer can
 * confirm an account or reset a password from the log; the recipient's address stays masked.
 * Because of that, never use it where the log is less private than the mailbox (production);
 * whoever wires it should warn that mail goes to the log. Never throws.
 */
public final class LogMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(LogMailer.class);

    /** A mailer that logs; it has no settings. */
    public LogMailer() {}

    /** Logs the recipient (masked), the subject and the full link; never throws. */
    @Override
    public void send(Mail mail) {
        try {
            log.info("Mail to {}: {} — link: {}", mail.to().masked(), MailTemplates.subject(mail), mail.link());
        } catch (RuntimeException e) {
            // The port promises delivery or a MailException; for a dev log, losing a line beats failing a sign-up.
            try {
                log.warn("Could not log a mail ({})", e.getClass().getSimpleName());
            } catch (RuntimeException ignored) {
                // Nothing left to report to.
            }
        }
    }
}
