package org.openml.auth.core.usecase;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules the use cases enforce: token lifetimes, session lifetime, password limits. Knows
 * nothing of the environment; the server builds it from configuration.
 */
public record AuthPolicy(
        Duration confirmationTokenTtl,
        Duration resetTokenTtl,
        Duration sessionMaxAge,
        int minPasswordLength,
        int maxPasswordBytes,
        Duration sessionMaxLifetime) {

    /**
     * OpenML's current values: confirmation 24 h, reset 1 h, session 2 h (sliding), passwords 8
     * characters to 1 KiB; and a session ends 7 days after its sign-in however often it is refreshed.
     */
    public static final AuthPolicy DEFAULTS = new AuthPolicy(
            Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(2), 8, 1024, Duration.ofDays(7));

    public AuthPolicy {
        requirePositive(confirmationTokenTtl, "confirmationTokenTtl");
        requirePositive(resetTokenTtl, "resetTokenTtl");
        requirePositive(sessionMaxAge, "sessionMaxAge");
        requirePositive(sessionMaxLifetime, "sessionMaxLifetime");
        if (minPasswordLength < 1) throw new IllegalArgumentException("minPasswordLength must be at least 1");
        if (maxPasswordBytes < 64) throw new IllegalArgumentException("maxPasswordBytes must allow at least 64 bytes");
    }

    /**
     * The same policy with another absolute session lifetime: how long after its sign-in a session
     * ends, however often its sliding {@link #sessionMaxAge} was renewed (ASVS 4.0.3 V3.3.2).
     */
    public AuthPolicy withSessionMaxLifetime(Duration lifetime) {
        return new AuthPolicy(confirmationTokenTtl, resetTokenTtl, sessionMaxAge, minPasswordLength, maxPasswordBytes, lifetime);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }
}
