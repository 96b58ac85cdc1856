package org.openml.auth.core.usecase;

import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openml.auth.core.domain.AttemptKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.RateLimitedException;
import org.openml.auth.core.port.in.RateLimits;
import org.openml.auth.core.port.out.AttemptLimiter;
import org.openml.auth.core.port.out.AuthMetrics;
import org.openml.auth.core.port.out.AttemptLimiter.Attempts;

/**
 * The limits of a {@link RateLimitPolicy} on an {@link AttemptLimiter}: per client address for the
 * HTTP adapter ({@link RateLimits}), and for the use cases the per-account sign-in lock and the
 * per-inbox mail limit. With the policy off, nothing is counted and no store is touched.
 */
final class RateLimitService implements RateLimits {
    private static final System.Logger LOG = System.getLogger(RateLimitService.class.getName());
    /** Ended windows are deleted by the request that first finds this much time passed: no scheduler thread. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(5);
    /** Bound on this node's memory of blocked keys; an attacker with more addresses still meets the shared counters. */
    static final int MAX_BLOCKED_CLIENTS = 10_000;

    static final String ACCOUNT_FAILURES = "account.sign-in-failures";
    static final String MAIL_PER_ADDRESS = "address.account-mail";
    static final String API_KEY_FAILURES = "ip.api-key-failures";
    static final String SIGN_IN_FAILURES = "ip.sign-in-failures";

    private final AttemptLimiter limiter;
    private final RateLimitPolicy policy;
    private final Clock clock;
    private final AtomicLong nextPurgeAt;
    /**
     * Keys known to be over their limit on this node, until their window ends. Within a window the
     * shared count only grows, so refusing them from memory gives the same answer as asking the
     * store: a flood from one address costs no store I/O once it is over. (Not used for the
     * account pause, which a password reset on any node must be able to end at once.) Keyed by
     * limit and subject in memory only, so checking costs no hashing.
     */
    private final Map<String, Instant> blocked = new ConcurrentHashMap<>();

    private AuthMetrics metrics = AuthMetrics.NONE;

    /** Counts refusals (set once, at assembly). */
    RateLimitService withMetrics(AuthMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    RateLimitService(AttemptLimiter limiter, RateLimitPolicy policy, Clock clock) {
        this.limiter = limiter;
        this.policy = policy;
        this.clock = clock;
        this.nextPurgeAt = new AtomicLong(clock.millis() + PURGE_INTERVAL.toMillis());
    }

    boolean enabled() {
        return policy.enabled();
    }

    @Override
    public void admit(Action action, String client) {
        if (!policy.enabled()) return;
        RateLimitPolicy.Limit limit = switch (action) {
            case SIGN_IN -> policy.signInPerIp();
            case REGISTER -> policy.registerPerIp();
            case CHECK_EMAIL -> policy.checkEmailPerIp();
            case ACCOUNT_MAIL -> policy.accountMailPerIp();
            case PASSKEY -> policy.passkeyPerIp();
        };
        count("ip." + action.name().toLowerCase(Locale.ROOT), clientSubject(client), limit);
    }

    @Override
    public void checkApiKeyClient(String client) {
        if (!policy.enabled() || blocked.isEmpty()) return;
        refuseIfBlocked(localKey(API_KEY_FAILURES, clientSubject(client)), clock.instant(), API_KEY_FAILURES);
    }

    @Override
    public void apiKeyFailed(String client) {
        if (!policy.enabled()) return;
        count(API_KEY_FAILURES, clientSubject(client), policy.apiKeyFailuresPerIp());
    }

    @Override
    public void checkSignInClient(String client) {
        if (!policy.enabled()) return;
        String subject = clientSubject(client);
        Instant now = clock.instant();
        String local = localKey(SIGN_IN_FAILURES, subject);
        refuseIfBlocked(local, now, SIGN_IN_FAILURES);
        // Another node may have counted the failures: the shared count decides, read without writing.
        Optional<Attempts> failures = limiter.peek(AttemptKey.of(SIGN_IN_FAILURES, subject), now);
        if (failures.isPresent() && failures.get().count() >= policy.signInPerIp().max() && now.isBefore(failures.get().endsAt())) {
            rememberBlocked(local, failures.get().endsAt(), now);
            metrics.rateLimited(SIGN_IN_FAILURES);
            throw new RateLimitedException(ErrorCode.RATE_LIMITED, Duration.between(now, failures.get().endsAt()));
        }
    }

    @Override
    public void signInRefused(String client) {
        if (!policy.enabled()) return;
        String subject = clientSubject(client);
        Instant now = clock.instant();
        Attempts attempts = limiter.hit(AttemptKey.of(SIGN_IN_FAILURES, subject), now, policy.signInPerIp().window());
        maybePurge(now);
        if (attempts.count() >= policy.signInPerIp().max()) rememberBlocked(localKey(SIGN_IN_FAILURES, subject), attempts.endsAt(), now);
    }

    /** The failures counted under {@code key} right now (one read of the shared counter); empty when none or off. */
    Optional<Attempts> accountFailures(AttemptKey key) {
        if (!policy.enabled()) return Optional.empty();
        return limiter.peek(key, clock.instant());
    }

    /** How long password sign-in is still paused after {@code failures}; empty when it is not. */
    Optional<Duration> pauseLeft(Optional<Attempts> failures) {
        Instant now = clock.instant();
        return failures.flatMap(a -> {
            Instant until = a.lastAt().plus(policy.lockAfter(a.count()));
            if (until.isAfter(a.endsAt())) until = a.endsAt(); // the failures are forgotten then, and the pause with them
            return now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
        });
    }

    /**
     * Counts a failed password sign-in under {@code key} (see {@link #signInKey}), whether or not
     * such an account exists; {@code login} only for the log.
     *
     * @return whether this failure paused password sign-in
     */
    boolean signInFailed(AttemptKey key, String login) {
        if (!policy.enabled()) return false;
        Instant now = clock.instant();
        Attempts a = limiter.hit(key, now, policy.failureMemory());
        boolean paused = a.count() >= policy.lockAfterFailures();
        if (paused) {
            LOG.log(Level.INFO, "password sign-in paused for {0} after {1} failures", LogText.login(login), a.count());
        }
        maybePurge(now);
        return paused;
    }

    /** Forgets the failures under {@code key} (a successful sign-in). */
    void signInSucceeded(AttemptKey key) {
        if (!policy.enabled()) return;
        limiter.reset(key);
    }

    /** Forgets the account's failures (a password reset or change). */
    void clearAccount(User user) {
        if (!policy.enabled()) return;
        try {
            limiter.reset(signInKey(Optional.of(user), user.email().value()));
        } catch (AuthException e) {
            // The password did change; a lock left behind runs out by itself.
            LOG.log(Level.WARNING, "could not clear the sign-in failures of user " + user.id() + ": " + e.getMessage());
        }
    }

    /**
     * Counts one account mail (reset link, confirmation link) asked for {@code address}, known or
     * not: under the account it names when there is one, so every spelling a database collation
     * takes for that account (case, accents) shares one budget; else under the address folded.
     *
     * @throws RateLimitedException when the address had its share
     */
    void admitAccountMail(Optional<User> account, Email address) {
        if (!policy.enabled()) return;
        count(MAIL_PER_ADDRESS, subject(account, address.value()), policy.accountMailPerAddress());
    }

    private void count(String limitName, String subject, RateLimitPolicy.Limit limit) {
        String local = localKey(limitName, subject);
        Instant now = clock.instant();
        refuseIfBlocked(local, now, limitName);
        Attempts attempts = limiter.hit(AttemptKey.of(limitName, subject), now, limit.window());
        maybePurge(now);
        if (attempts.count() > limit.max()) {
            rememberBlocked(local, attempts.endsAt(), now);
            metrics.rateLimited(limitName);
            throw new RateLimitedException(ErrorCode.RATE_LIMITED, Duration.between(now, attempts.endsAt()));
        }
    }

    private static String localKey(String limitName, String subject) {
        return limitName + "\n" + subject;
    }

    private void refuseIfBlocked(String key, Instant now, String limitName) {
        Instant until = blocked.get(key);
        if (until == null) return;
        if (now.isBefore(until)) {
            metrics.rateLimited(limitName);
            throw new RateLimitedException(ErrorCode.RATE_LIMITED, Duration.between(now, until));
        }
        blocked.remove(key, until);
    }

    /**
     * The counter a password sign-in with {@code login} counts under: the account it resolved to,
     * however it was named (email in any case or accents the database collation matches, or the
     * username), so every spelling shares one budget of failures; for a login that names no
     * account, its folded form (NFKD without marks, lower case), so look-alike variants of an
     * unknown address share one too. A pause reveals nothing about which accounts exist: unknown
     * logins pause the same way.
     */
    static AttemptKey signInKey(Optional<User> account, String login) {
        return AttemptKey.of(ACCOUNT_FAILURES, subject(account, login));
    }

    private static String subject(Optional<User> account, String login) {
        if (account.isPresent()) return "user:" + account.get().id().value();
        return "login:" + folded(login == null ? "" : login.strip());
    }

    /** A collation-like fold: compatibility forms, no accents or other marks, lower case. */
    static String folded(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The subject a client address counts under: IPv4 as is, IPv6 by its /64 (one subscriber
     * usually holds a whole /64, so single addresses would be free to rotate).
     */
    static String clientSubject(String client) {
        if (client == null || client.isBlank()) return "unknown";
        String c = client.strip();
        if (c.indexOf(':') < 0) return c;
        try {
            // In brackets, InetAddress parses only an IPv6 literal and never asks DNS.
            String literal = c.startsWith("[") ? c : "[" + c.replaceFirst("%.*$", "") + "]";
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return address.getHostAddress(); // an IPv4-mapped IPv6 address
        } catch (UnknownHostException e) {
            return c;
        }
    }

    private void rememberBlocked(String key, Instant until, Instant now) {
        if (blocked.size() >= MAX_BLOCKED_CLIENTS) {
            for (Iterator<Map.Entry<String, Instant>> it = blocked.entrySet().iterator(); it.hasNext(); ) {
                if (!now.isBefore(it.next().getValue())) it.remove();
            }
            // Still full: start over rather than grow; the shared counters still refuse these clients.
            if (blocked.size() >= MAX_BLOCKED_CLIENTS) blocked.clear();
        }
        blocked.put(key, until);
    }

    /** Deletes ended windows now and then, on the request that notices it is time (one per node per interval). */
    private void maybePurge(Instant now) {
        long due = nextPurgeAt.get();
        if (now.toEpochMilli() < due) return;
        if (!nextPurgeAt.compareAndSet(due, now.toEpochMilli() + PURGE_INTERVAL.toMillis())) return;
        try {
            int deleted = limiter.deleteExpired(now);
            if (deleted > 0) LOG.log(Level.DEBUG, "deleted {0} ended attempt windows", deleted);
        } catch (AuthException e) {
            LOG.log(Level.WARNING, "could not delete ended attempt windows: " + e.getMessage());
        }
    }
}
