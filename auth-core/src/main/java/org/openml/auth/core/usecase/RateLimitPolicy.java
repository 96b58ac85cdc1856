package org.openml.auth.core.usecase;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The brute-force and abuse limits: how many failed password sign-ins an email/username gets
 * before password sign-in for it pauses (and for how long), and how many requests one client
 * address may make per window on each limited route. Knows nothing of the environment; the server
 * builds it from configuration.
 *
 * @param enabled {@code false} turns every limit off (no counting, no store I/O)
 * @param lockAfterFailures failed password sign-ins for one email/username before it pauses
 * @param firstLock the first pause; each further failure doubles it
 * @param maxLock the longest pause
 * @param failureMemory how long failures count: the count restarts this long after the first failure
 *     (and at once after a successful sign-in or a password reset)
 * @param signInPerIp credentials sign-in requests per client address
 * @param registerPerIp sign-ups per client address
 * @param checkEmailPerIp {@code check-email} look-ups per client address
 * @param accountMailPerIp forgot-password and resend-confirmation requests per client address
 * @param accountMailPerAddress forgot-password and resend-confirmation requests per email address
 *     (known or not), so nobody can fill one inbox
 * @param passkeyPerIp passkey options and verify requests per client address
 * @param apiKeyFailuresPerIp wrong API keys per client address; valid keys are not counted
 */
public record RateLimitPolicy(
        boolean enabled,
        int lockAfterFailures,
        Duration firstLock,
        Duration maxLock,
        Duration failureMemory,
        Limit signInPerIp,
        Limit registerPerIp,
        Limit checkEmailPerIp,
        Limit accountMailPerIp,
        Limit accountMailPerAddress,
        Limit passkeyPerIp,
        Limit apiKeyFailuresPerIp) {

    /**
     * The defaults: 5 failures, then 30 s doubling up to 15 min, failures remembered 24 h; per
     * address 30 sign-ins/min, 10 sign-ups/h, 60 check-email/min, 10 account mails/h, 60 passkey
     * requests/min, 20 wrong API keys/min; 3 account mails per email address per hour.
     */
    public static final RateLimitPolicy DEFAULTS = new RateLimitPolicy(true, 5, Duration.ofSeconds(30),
            Duration.ofMinutes(15), Duration.ofHours(24),
            Limit.parse("30/PT1M"), Limit.parse("10/PT1H"), Limit.parse("60/PT1M"), Limit.parse("10/PT1H"),
            Limit.parse("3/PT1H"), Limit.parse("60/PT1M"), Limit.parse("20/PT1M"));

    /** No limits at all (tests, or a deployment whose proxy limits instead). */
    public static final RateLimitPolicy OFF = DEFAULTS.withEnabled(false);

    public RateLimitPolicy {
        if (lockAfterFailures < 1) throw new IllegalArgumentException("lockAfterFailures must be at least 1");
        requirePositive(firstLock, "firstLock");
        requirePositive(maxLock, "maxLock");
        requirePositive(failureMemory, "failureMemory");
        if (maxLock.compareTo(firstLock) < 0) throw new IllegalArgumentException("maxLock must not be shorter than firstLock");
        Objects.requireNonNull(signInPerIp, "signInPerIp");
        Objects.requireNonNull(registerPerIp, "registerPerIp");
        Objects.requireNonNull(checkEmailPerIp, "checkEmailPerIp");
        Objects.requireNonNull(accountMailPerIp, "accountMailPerIp");
        Objects.requireNonNull(accountMailPerAddress, "accountMailPerAddress");
        Objects.requireNonNull(passkeyPerIp, "passkeyPerIp");
        Objects.requireNonNull(apiKeyFailuresPerIp, "apiKeyFailuresPerIp");
    }

    public RateLimitPolicy withEnabled(boolean on) {
        return new RateLimitPolicy(on, lockAfterFailures, firstLock, maxLock, failureMemory, signInPerIp, registerPerIp,
                checkEmailPerIp, accountMailPerIp, accountMailPerAddress, passkeyPerIp, apiKeyFailuresPerIp);
    }

    /** The same policy with another account lock: after {@code failures}, {@code first} doubling up to {@code max}. */
    public RateLimitPolicy withAccountLock(int failures, Duration first, Duration max, Duration memory) {
        return new RateLimitPolicy(enabled, failures, first, max, memory, signInPerIp, registerPerIp, checkEmailPerIp,
                accountMailPerIp, accountMailPerAddress, passkeyPerIp, apiKeyFailuresPerIp);
    }

    /** The same policy with other per-address limits (in the order of the record's components). */
    public RateLimitPolicy withLimits(Limit signIn, Limit register, Limit checkEmail, Limit accountMail,
            Limit accountMailPerAddress, Limit passkey, Limit apiKeyFailures) {
        return new RateLimitPolicy(enabled, lockAfterFailures, firstLock, maxLock, failureMemory, signIn, register,
                checkEmail, accountMail, accountMailPerAddress, passkey, apiKeyFailures);
    }

    /**
     * How long password sign-in pauses after {@code failures} failures: nothing below
     * {@link #lockAfterFailures}, then {@link #firstLock} doubling per further failure, at most
     * {@link #maxLock}.
     */
    public Duration lockAfter(int failures) {
        if (failures < lockAfterFailures) return Duration.ZERO;
        int doublings = Math.min(failures - lockAfterFailures, 40);
        Duration lock = firstLock;
        for (int i = 0; i < doublings && lock.compareTo(maxLock) < 0; i++) lock = lock.multipliedBy(2);
        return lock.compareTo(maxLock) > 0 ? maxLock : lock;
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }

    /**
     * At most {@code max} requests per {@code window}, counted from the first one.
     *
     * @param max at least 1
     * @param window at least one second
     */
    public record Limit(int max, Duration window) {
        public Limit {
            if (max < 1) throw new IllegalArgumentException("a limit allows at least 1 request");
            Objects.requireNonNull(window, "window");
            if (window.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("a limit's window is at least 1 second");
        }

        /**
         * Reads {@code "<max>/<ISO-8601 duration>"}, e.g. {@code "30/PT1M"} or {@code "10/PT1H"}.
         *
         * @throws IllegalArgumentException with a message naming the expected form
         */
        public static Limit parse(String text) {
            Objects.requireNonNull(text, "text");
            int slash = text.indexOf('/');
            if (slash <= 0 || slash == text.length() - 1) {
                throw new IllegalArgumentException("expected <count>/<ISO-8601 duration>, e.g. 30/PT1M, got '" + text + "'");
            }
            int max;
            Duration window;
            try {
                max = Integer.parseInt(text.substring(0, slash).strip());
                window = Duration.parse(text.substring(slash + 1).strip());
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("expected <count>/<ISO-8601 duration>, e.g. 30/PT1M, got '" + text + "'");
            }
            return new Limit(max, window);
        }

        @Override
        public String toString() {
            return max + "/" + window;
        }
    }
}
