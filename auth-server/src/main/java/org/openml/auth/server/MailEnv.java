package org.openml.auth.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openml.auth.core.usecase.OutboxPolicy;
import org.openml.auth.mail.SmtpConfig;

/** The mail settings of the environment: {@code SMTP_*} and the outbox's {@code AUTH_MAIL_*}. */
final class MailEnv {
    private MailEnv() {}

    /** {@code SMTP_*}; empty (mails go to the log, with a warning) without {@code SMTP_HOST}. */
    static Optional<SmtpConfig> smtp(EnvReader r, List<String> warnings) {
        Optional<SmtpConfig> smtp = Optional.empty();
        Optional<String> smtpHost = r.text("SMTP_HOST");
        if (smtpHost.isPresent()) {
            boolean secure = r.bool("SMTP_SECURE", false);
            int smtpPort = r.integer("SMTP_PORT", secure ? 465 : 587, 1, 65535);
            Optional<String> user = r.text("SMTP_USER");
            Optional<String> pass = r.text("SMTP_PASS");
            if (user.isPresent() != pass.isPresent()) {
                r.problem("SMTP_USER and SMTP_PASS must be set together");
            } else {
                try {
                    SmtpConfig.Builder builder = SmtpConfig.builder(smtpHost.get(), smtpPort, r.text("SMTP_FROM").orElse(AuthServerConfig.DEFAULT_FROM))
                            .secure(secure);
                    if (user.isPresent()) builder.credentials(user.get(), pass.get());
                    smtp = Optional.of(builder.build());
                } catch (IllegalArgumentException e) {
                    r.problem("SMTP settings: " + e.getMessage());
                }
            }
        } else {
            for (String name : List.of("SMTP_PORT", "SMTP_USER", "SMTP_PASS", "SMTP_FROM", "SMTP_SECURE")) {
                if (r.text(name).isPresent()) warnings.add(name + " is set but SMTP_HOST is not, so it is ignored");
            }
            warnings.add("SMTP_HOST is not set: mails are written to the log (links included) instead of being sent");
        }
        return smtp;
    }

    /** How the mail outbox is drained and retried: {@code AUTH_MAIL_*}, see docs/configuration.md. */
    static OutboxPolicy outbox(EnvReader r) {
        OutboxPolicy d = OutboxPolicy.DEFAULTS;
        Duration poll = r.duration("AUTH_MAIL_POLL", d.pollInterval(), Duration.ofMillis(100));
        Duration first = r.duration("AUTH_MAIL_RETRY_FIRST", d.firstRetry(), Duration.ofMillis(100));
        Duration max = r.duration("AUTH_MAIL_RETRY_MAX", d.maxRetry(), Duration.ofMillis(100));
        Duration giveUp = r.duration("AUTH_MAIL_GIVE_UP_AFTER", d.giveUpAfter(), Duration.ofMinutes(1));
        if (max.compareTo(first) < 0) {
            r.problem("AUTH_MAIL_RETRY_MAX (" + max + ") must not be shorter than AUTH_MAIL_RETRY_FIRST (" + first + ")");
            return d;
        }
        return new OutboxPolicy(poll, first, max, giveUp, d.warnAfter(), false);
    }
}
