package org.openml.auth.core.usecase;

import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.in.RateLimits;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.port.in.PasswordReset;
import org.openml.auth.core.port.out.Mailer;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.port.out.OneTimeTokenStore;
import org.openml.auth.core.port.out.UserStore;

final class PasswordResetService implements PasswordReset {
    private static final System.Logger LOG = System.getLogger(PasswordResetService.class.getName());

    private final UserStore users;
    private final OneTimeTokenStore tokens;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final Secrets secrets;
    private final Clock clock;
    private final AuthPolicy policy;
    private final AccountLinks links;
    private final RateLimitService limits;
    private final SessionRevoker revoker;
    private final AccountReclaim reclaim;
    private final AccountActivity activity;

    PasswordResetService(UserStore users, OneTimeTokenStore tokens, PasswordHasher hasher, Mailer mailer,
            Secrets secrets, Clock clock, AuthPolicy policy, AccountLinks links, RateLimitService limits,
            SessionRevoker revoker, AccountReclaim reclaim, AccountActivity activity) {
        this.activity = activity;
        this.reclaim = reclaim;
        this.limits = limits;
        this.revoker = revoker;
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.mailer = mailer;
        this.secrets = secrets;
        this.clock = clock;
        this.policy = policy;
        this.links = links;
    }

    @Override
    public void requestReset(String email, String ipAddress) {
        limits.admit(RateLimits.Action.ACCOUNT_MAIL, ipAddress);
        Email address = RegistrationService.requireEmail(email);
        Optional<User> account = Accounts.byEmail(users, address);
        // Counted for unknown addresses too (under the folded address), so a refusal says nothing about accounts.
        limits.admitAccountMail(account, address);
        Optional<User> user = account.filter(User::active);
        if (user.isEmpty()) return;
        try {
            OneTimeToken token = secrets.newToken();
            Instant now = clock.instant();
            tokens.issue(user.get().id(), token.hash(), now, now.plus(policy.resetTokenTtl()));
            mailer.send(new Mail.PasswordReset(user.get().email(), user.get().displayName(), links.passwordReset(token)));
            LOG.log(Level.INFO, "password reset link sent to user {0}", user.get().id());
        } catch (AuthException e) {
            // The answer stays generic (it must not reveal the account); the log says what went wrong.
            // No stack trace: a mail server's error can quote the full address, which logs must not hold.
            LOG.log(Level.WARNING, "could not send a password reset link to user " + user.get().id() + ": " + e.getMessage());
        }
    }

    @Override
    public ResetResult resetPassword(String token, String newPassword, String ipAddress) {
        ResetResult result = reset(token, newPassword);
        if (result instanceof ResetResult.PasswordChanged changed) {
            if (changed.reclaimed()) {
                activity.record(changed.email(), Type.ACCOUNT_RECLAIMED, Method.EMAIL_LINK, Outcome.SUCCESS, ipAddress, Optional.empty());
            }
            activity.record(changed.email(), Type.PASSWORD_RESET, Method.EMAIL_LINK, Outcome.SUCCESS, ipAddress, Optional.empty());
        }
        return result;
    }

    private ResetResult reset(String token, String newPassword) {
        if (Secrets.isBlank(token)) throw new InvalidInputException(ErrorCode.RESET_TOKEN_REQUIRED);
        if (newPassword == null || newPassword.isEmpty()) throw new InvalidInputException(ErrorCode.NEW_PASSWORD_REQUIRED);
        RawPassword password = secrets.acceptableNewPassword(newPassword);
        String trimmed = token.strip();
        if (!OneTimeToken.isWellFormed(trimmed)) return new ResetResult.Rejected(ErrorCode.RESET_TOKEN_INVALID);

        TokenHash hash = new OneTimeToken(trimmed).hash();
        Optional<OneTimeTokenStore.StoredToken> stored = tokens.find(hash);
        if (stored.isEmpty()) return new ResetResult.Rejected(ErrorCode.RESET_TOKEN_INVALID);
        if (stored.get().used()) return new ResetResult.Rejected(ErrorCode.RESET_TOKEN_USED);
        if (!clock.instant().isBefore(stored.get().expiresAt())) {
            tokens.delete(hash);
            return new ResetResult.Rejected(ErrorCode.RESET_TOKEN_EXPIRED);
        }
        Optional<User> user = users.findById(stored.get().userId());
        if (user.isEmpty()) return new ResetResult.Rejected(ErrorCode.RESET_TOKEN_INVALID);

        Secrets.refuseIdentityLike(password, user.get().email(), user.get().username().value());
        // Hash before claiming the token, so the window between the two writes is as short as it can be.
        PasswordHash newHash = hasher.hash(password);
        // Whoever knew the old password may hold a session: end them all, on every node. First, so
        // that a failure here leaves the token unused and the old password in place (the user retries).
        revoker.revokeAll(user.get().id());
        if (!tokens.markUsed(hash, clock.instant())) return new ResetResult.Rejected(ErrorCode.RESET_TOKEN_USED);
        // The link proves the mailbox. If nobody had proven it before (a passkey sign-up never
        // confirmed), whoever signed up may not be its owner: remove what they could hold.
        boolean reclaimed = reclaim.addressUnproven(user.get());
        if (reclaimed) {
            reclaim.reclaim(user.get(), newHash, "a password reset link");
        } else {
            users.updatePasswordHash(user.get().id(), newHash);
        }
        // The owner proved the mailbox: a sign-in pause (maybe caused by an attacker) ends now.
        limits.clearAccount(user.get());
        LOG.log(Level.INFO, "user {0} reset their password", user.get().id());
        return new ResetResult.PasswordChanged(user.get().email(), reclaimed);
    }
}
