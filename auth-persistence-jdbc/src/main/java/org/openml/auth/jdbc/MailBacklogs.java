package org.openml.auth.jdbc;

import java.time.Duration;
import java.time.Instant;

/** How start-up and {@code doctor} describe the mail outbox. */
final class MailBacklogs {
    /** A mail older than this means SMTP has been failing (the sender retries every few seconds to minutes). */
    static final Duration WORRYING = Duration.ofMinutes(10);

    private MailBacklogs() {}

    static String describe(long depth, Instant oldest, Instant now) {
        if (depth == 0 || oldest == null) return "mail outbox: empty";
        return "mail outbox: " + depth + " mail(s) waiting, the oldest for " + Duration.between(oldest, now).toMinutes() + " min";
    }

    static boolean worrying(Instant oldest, Instant now) {
        return oldest != null && Duration.between(oldest, now).compareTo(WORRYING) >= 0;
    }
}
