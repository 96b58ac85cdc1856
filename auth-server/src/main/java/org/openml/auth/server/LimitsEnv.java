package org.openml.auth.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openml.auth.core.usecase.RateLimitPolicy;
import org.openml.auth.http.ClientAddress;

/** The abuse settings of the environment: {@code AUTH_RATE_LIMITS}, {@code AUTH_LOCK_*}, {@code AUTH_LIMIT_*}, {@code AUTH_TRUSTED_PROXIES}. */
final class LimitsEnv {
    private LimitsEnv() {}

    /**
     * Brute-force and abuse limits: {@code AUTH_RATE_LIMITS} (on/off) and the numbers, each
     * defaulting to {@link RateLimitPolicy#DEFAULTS}; see docs/configuration.md.
     */
    static RateLimitPolicy rateLimits(EnvReader r) {
        RateLimitPolicy d = RateLimitPolicy.DEFAULTS;
        boolean on = r.text("AUTH_RATE_LIMITS").map(v -> v.toLowerCase(Locale.ROOT)).map(v -> switch (v) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> {
                r.problem("AUTH_RATE_LIMITS must be on or off, got '" + v + "'");
                yield true;
            }
        }).orElse(true);
        int failures = r.integer("AUTH_LOCK_AFTER_FAILURES", d.lockAfterFailures(), 1, 1000);
        Duration first = r.duration("AUTH_LOCK_FIRST", d.firstLock(), Duration.ofSeconds(1));
        Duration max = r.duration("AUTH_LOCK_MAX", d.maxLock(), Duration.ofSeconds(1));
        Duration memory = r.duration("AUTH_LOCK_FAILURE_MEMORY", d.failureMemory(), Duration.ofMinutes(1));
        if (max.compareTo(first) < 0) {
            r.problem("AUTH_LOCK_MAX (" + max + ") must not be shorter than AUTH_LOCK_FIRST (" + first + ")");
            max = first;
        }
        RateLimitPolicy policy = d.withEnabled(on).withAccountLock(failures, first, max, memory);
        return policy.withLimits(
                limit(r, "AUTH_LIMIT_SIGN_IN", d.signInPerIp()),
                limit(r, "AUTH_LIMIT_REGISTER", d.registerPerIp()),
                limit(r, "AUTH_LIMIT_CHECK_EMAIL", d.checkEmailPerIp()),
                limit(r, "AUTH_LIMIT_ACCOUNT_MAIL", d.accountMailPerIp()),
                limit(r, "AUTH_LIMIT_ACCOUNT_MAIL_PER_ADDRESS", d.accountMailPerAddress()),
                limit(r, "AUTH_LIMIT_PASSKEY", d.passkeyPerIp()),
                limit(r, "AUTH_LIMIT_API_KEY_FAILURES", d.apiKeyFailuresPerIp()));
    }

    private static RateLimitPolicy.Limit limit(EnvReader r, String name, RateLimitPolicy.Limit fallback) {
        Optional<String> v = r.text(name);
        if (v.isEmpty()) return fallback;
        try {
            return RateLimitPolicy.Limit.parse(v.get());
        } catch (IllegalArgumentException e) {
            r.problem(name + ": " + e.getMessage());
            return fallback;
        }
    }

    /** {@code AUTH_TRUSTED_PROXIES}: comma-separated IPs/CIDR blocks whose {@code X-Forwarded-For} is believed. */
    static List<String> trustedProxies(EnvReader r) {
        List<String> entries = r.text("AUTH_TRUSTED_PROXIES")
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList())
                .orElse(List.of());
        try {
            ClientAddress.trusting(entries);
        } catch (IllegalArgumentException e) {
            r.problem("AUTH_TRUSTED_PROXIES: " + e.getMessage());
            return List.of();
        }
        return entries;
    }
}
