package org.openml.auth.core.usecase;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.openml.auth.core.domain.AttemptKey;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.AccountSettings;
import org.openml.auth.core.port.in.AccountSettings.Refused;
import org.openml.auth.core.port.out.PasswordHasher;

/**
 * "Recently signed in" for the changes that need it: a sign-in within
 * {@link AccountSettings#RECENT_SIGN_IN}, or the account's current password given now. A wrong
 * password counts toward the account's sign-in pause, exactly as at sign-in.
 */
final class Reauthentication {
    private final PasswordHasher hasher;
    private final RateLimitService limits;
    private final AccountActivityService activity;
    private final Clock clock;
    /** Longer "current passwords" are refused without hashing (nobody has one). */
    private final int maxPasswordBytes;

    Reauthentication(PasswordHasher hasher, RateLimitService limits, AccountActivityService activity, Clock clock,
            AuthPolicy policy) {
        this.hasher = hasher;
        this.limits = limits;
        this.activity = activity;
        this.clock = clock;
        this.maxPasswordBytes = policy.maxPasswordBytes();
    }

    /** Empty when {@code currentPassword} is the account's; else the refusal, counted toward the sign-in pause. */
    Optional<Refused> currentPassword(User user, String currentPassword, String ip) {
        AttemptKey key = RateLimitService.signInKey(Optional.of(user), user.email().value());
        Optional<Duration> paused = limits.pauseLeft(limits.accountFailures(key));
        if (paused.isPresent()) return Optional.of(new Refused(ErrorCode.SIGN_IN_LOCKED, paused));
        if (currentPassword != null && !currentPassword.isEmpty()
                && new RawPassword(currentPassword).utf8().length <= maxPasswordBytes
                && PasswordSignInService.verify(hasher, user.passwordHash(), currentPassword) != PasswordSignInService.Match.NONE) {
            return Optional.empty();
        }
        boolean pauseStarted = limits.signInFailed(key, user.email().value());
        activity.record(user.id(), Type.SIGN_IN, Method.PASSWORD, Outcome.FAILURE, ip, Optional.of("current password"));
        if (pauseStarted) activity.record(user.id(), Type.LOCKED_OUT, Method.PASSWORD, Outcome.FAILURE, ip, Optional.empty());
        return Optional.of(new Refused(ErrorCode.CURRENT_PASSWORD_INCORRECT));
    }

    /**
     * Empty when the session's sign-in is recent, or the account's current password is given and
     * right; else the refusal.
     */
    Optional<Refused> recentlySignedIn(Session session, User user, String currentPassword, String ip) {
        if (currentPassword != null && !currentPassword.isEmpty() && PasskeyService.hasUsablePassword(user.passwordHash())) {
            return currentPassword(user, currentPassword, ip);
        }
        boolean recent = !clock.instant().isAfter(session.signedInAt().plus(AccountSettings.RECENT_SIGN_IN));
        return recent ? Optional.empty() : Optional.of(new Refused(ErrorCode.REAUTHENTICATION_REQUIRED));
    }
}
