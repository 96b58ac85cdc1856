package org.openml.auth.core.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.AttemptKey;

/**
 * Counters of attempts (failed sign-ins, requests from one address, mails to one inbox) shared by
 * every node on the same database, so limits hold for the whole service and not per node. Each
 * key counts in a fixed window that starts at its first attempt; once the window has ended, the
 * next attempt starts a new one at 1.
 *
 * <p>Implementations must count every concurrent {@link #hit} exactly once, also when the hits come
 * from several nodes at the same time.
 */
public interface AttemptLimiter {

    /**
     * Counts one attempt under {@code key} at {@code now}; a new window of length {@code window}
     * starts when the key has none or its window ended at or before {@code now}.
     *
     * @return the key's window after counting this attempt (so {@code count() >= 1})
     */
    Attempts hit(AttemptKey key, Instant now, Duration window);

    /** The key's current window without counting anything; empty when it has none or it ended at or before {@code now}. */
    Optional<Attempts> peek(AttemptKey key, Instant now);

    /** Forgets the key (a successful sign-in, a password reset); a no-op for unknown keys. */
    void reset(AttemptKey key);

    /** Deletes the windows that ended at or before {@code now}; returns how many. */
    int deleteExpired(Instant now);

    /**
     * A key's window.
     *
     * @param count attempts counted in it, at least 1
     * @param lastAt when the latest of them was counted
     * @param endsAt when the window ends (the count restarts after it)
     */
    record Attempts(int count, Instant lastAt, Instant endsAt) {
        public Attempts {
            if (count < 1) throw new IllegalArgumentException("count must be at least 1");
            Objects.requireNonNull(lastAt, "lastAt");
            Objects.requireNonNull(endsAt, "endsAt");
        }
    }
}
