package org.openml.auth.core.error;

import java.time.Duration;

/** Too much work queued (password hashing); the caller should retry after {@link #retryAfter()}. */
public final class BusyException extends AuthException {
    private final Duration retryAfter;

    public BusyException(Duration retryAfter) {
        super(ErrorCode.BUSY, "work queue full", null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Thrown by the thousand under overload, always for the same reason: no stack trace to fill. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
