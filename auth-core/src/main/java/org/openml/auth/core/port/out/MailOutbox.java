package org.openml.auth.core.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Mails waiting to be sent, shared by all nodes ({@code mail_outbox}): a request only writes the
 * mail here, and a background sender delivers it with retries, so answers take the same time
 * whether or not a mail was due, and a mail accepted while SMTP is down is sent when it is back,
 * also after a restart. The payload is opaque to the store (the core encrypts it: it holds
 * one-time links). Implementations throw
 * {@link org.openml.auth.core.error.StoreUnavailableException} when the store fails.
 */
public interface MailOutbox {

    /** Stores a mail due at {@code now}; durable when this returns. */
    void add(String payload, Instant now);

    /**
     * Claims up to {@code limit} due mails, oldest first, for {@code lease}: until it ends no other
     * claim (on any node) returns them. A sender that dies mid-way leaves them to the next claim.
     */
    List<Queued> claimDue(Instant now, Duration lease, int limit);

    /** Removes a delivered (or abandoned) mail. */
    void remove(long id);

    /** Records a failed attempt: the mail is due again at {@code retryAt}. {@code error} is cut to 255 characters. */
    void retryLater(long id, int attempts, Instant retryAt, String error);

    /** How many mails wait, and since when the oldest does. */
    Backlog backlog();

    /** A claimed mail. */
    record Queued(long id, String payload, int attempts, Instant createdAt) {}

    /** The outbox's depth. */
    record Backlog(long count, Optional<Instant> oldest) {
        public static final Backlog EMPTY = new Backlog(0, Optional.empty());

        /** How long the oldest mail has waited at {@code now}; zero when none waits. */
        public Duration oldestAge(Instant now) {
            return oldest.map(o -> Duration.between(o, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        }

        /** Whether the oldest mail has waited {@code after} or longer: SMTP has been failing. */
        public boolean stuck(Instant now, Duration after) {
            return count > 0 && oldestAge(now).compareTo(after) >= 0;
        }

        /** "mail outbox: empty", or how many mails wait and for how long, for start-up and {@code doctor}. */
        public String describe(Instant now) {
            if (count == 0) return "mail outbox: empty";
            return "mail outbox: " + count + " mail(s) waiting, the oldest for " + oldestAge(now).toMinutes() + " min";
        }
    }
}
