package org.openml.auth.core.usecase;

import java.time.Duration;
import java.util.Objects;

/**
 * How the mail outbox is drained: every {@code pollInterval} (and at once after a mail is queued
 * on this node), failures retried after {@code firstRetry} doubling to {@code maxRetry}, a mail
 * given up {@code giveUpAfter} after it was queued (logged as an error), and a backlog whose
 * oldest mail waited {@code warnAfter} logged as a warning.
 *
 * @param inline whether the thread that queues a mail also tries to send it at once (tests: the
 *     mail is there when the request returns); retries still come from the background poll
 */
public record OutboxPolicy(Duration pollInterval, Duration firstRetry, Duration maxRetry, Duration giveUpAfter,
        Duration warnAfter, boolean inline) {

    /** Poll every 5 s, retry after 30 s doubling to 1 h, give up after 3 days, warn after 10 minutes. */
    public static final OutboxPolicy DEFAULTS = new OutboxPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofHours(1), Duration.ofDays(3), Duration.ofMinutes(10), false);

    /** How many mails one claim takes. */
    static final int BATCH = 20;
    /** How long a claimed mail is reserved for the sender that claimed it. */
    static final Duration LEASE = Duration.ofMinutes(2);

    public OutboxPolicy {
        for (Duration d : new Duration[] {pollInterval, firstRetry, maxRetry, giveUpAfter, warnAfter}) {
            Objects.requireNonNull(d, "durations");
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("outbox durations must be positive");
        }
        if (maxRetry.compareTo(firstRetry) < 0) throw new IllegalArgumentException("maxRetry must not be shorter than firstRetry");
    }

    public OutboxPolicy withInline(boolean on) {
        return new OutboxPolicy(pollInterval, firstRetry, maxRetry, giveUpAfter, warnAfter, on);
    }

    public OutboxPolicy withRetries(Duration first, Duration max) {
        return new OutboxPolicy(pollInterval, first, max, giveUpAfter, warnAfter, inline);
    }

    public OutboxPolicy withPollInterval(Duration interval) {
        return new OutboxPolicy(interval, firstRetry, maxRetry, giveUpAfter, warnAfter, inline);
    }

    /** The wait after {@code failures} failed attempts: {@code firstRetry}, doubling, at most {@code maxRetry}. */
    public Duration retryAfter(int failures) {
        Duration d = firstRetry;
        for (int i = 1; i < failures && d.compareTo(maxRetry) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }
}
