package org.openml.auth.core.error;

import java.time.Duration;
import java.util.Objects;

/**
 * Too many attempts from one client address or for one email address: the caller should wait
 * {@link #retryAfter()} (HTTP 429 with {@code Retry-After}).
 */
public final class RateLimitedException extends AuthException {
    private final Duration retryAfter;

    public RateLimitedException(ErrorCode code, Duration retryAfter) {
        super(code, "rate limited", null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds to wait, rounded up, at least 1 (the form {@code Retry-After} takes). */
    public long retryAfterSeconds() {
        return RateLimitedException.seconds(retryAfter);
    }

    /** {@code d} in whole seconds, rounded up, at least 1. */
    public static long seconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    /** An expected answer under attack, thrown often: no stack trace to fill. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
