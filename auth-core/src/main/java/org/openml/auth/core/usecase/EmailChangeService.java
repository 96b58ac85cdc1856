package org.openml.auth.core.usecase;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.port.in.AccountSettings.Refused;
import org.openml.auth.core.port.in.EmailChange;
import org.openml.auth.core.port.in.PasswordReset;
import org.openml.auth.core.port.in.RateLimits;
import org.openml.auth.core.port.out.EmailChangeStore;
import org.openml.auth.core.port.out.EmailChangeStore.Kind;
import org.openml.auth.core.port.out.EmailChangeStore.Pending;
import org.openml.auth.core.port.out.Mailer;
import org.openml.auth.core.port.out.UnprovenEmailStore;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.port.out.UserStore.EmailChangeResult;

/** {@link EmailChange}: nothing changes before the new address is proven; the old one can undo it for a week. */
final class EmailChangeService implements EmailChange {
    private static final Logger LOG = System.getLogger(EmailChangeService.class.getName());
    /** How long the old address can undo a change. */
    static final Duration UNDO_WINDOW = Duration.ofDays(7);
    /** What a reverted account's password becomes: it matches nothing, so only the mailed reset link sets one. */
    static final PasswordHash RESET_REQUIRED = new PasswordHash("email_change_reverted");

    private final UserStore users;
    private final EmailChangeStore changes;
    private final UnprovenEmailStore unproven;
    private final Secrets secrets;
    private final RateLimitService limits;
    private final Reauthentication reauthentication;
    private final SessionRevoker revoker;
    private final SessionService sessions;
    private final AccountActivityService activity;
    private final PasswordReset passwordReset;
    private final Mailer mailer;
    private final AccountLinks links;
    private final Clock clock;
    private final AuthPolicy policy;
    private final boolean enumerationProtection;

    EmailChangeService(UserStore users, EmailChangeStore changes, UnprovenEmailStore unproven, Secrets secrets,
            RateLimitService limits, Reauthentication reauthentication, SessionRevoker revoker, SessionService sessions,
            AccountActivityService activity, PasswordReset passwordReset, Mailer mailer, AccountLinks links, Clock clock,
            AuthPolicy policy, boolean enumerationProtection) {
        this.users = users;
        this.changes = changes;
        this.unproven = unproven;
        this.secrets = secrets;
        this.limits = limits;
        this.reauthentication = reauthentication;
        this.revoker = revoker;
        this.sessions = sessions;
        this.activity = activity;
        this.passwordReset = passwordReset;
        this.mailer = mailer;
        this.links = links;
        this.clock = clock;
        this.policy = policy;
        this.enumerationProtection = enumerationProtection;
    }

    @Override
    public RequestResult request(RequestCommand command) {
        if (Secrets.isBlank(command.newEmail())) throw new InvalidInputException(ErrorCode.EMAIL_REQUIRED);
        Email email = Email.parse(command.newEmail()).filter(Email::isPlain)
                .orElseThrow(() -> new InvalidInputException(ErrorCode.INVALID_EMAIL));
        limits.admit(RateLimits.Action.ACCOUNT_MAIL, command.ipAddress());
        Optional<User> found = users.findById(command.session().userId());
        if (found.isEmpty()) return new Refused(ErrorCode.UNAUTHORIZED);
        User user = found.get();
        Optional<Refused> refused = reauthentication.recentlySignedIn(command.session(), user, command.currentPassword(),
                command.ipAddress());
        if (refused.isPresent()) return refused.get();
        if (email.canonical().equals(user.email().canonical())) return new Refused(ErrorCode.EMAIL_UNCHANGED);
        limits.admitAccountMail(Optional.of(user), email);
        Optional<User> holder = users.findByEmail(email);
        if (holder.isPresent() && !holder.get().id().equals(user.id())) {
            // Strict mode tells nobody which addresses have accounts: the same answer, and no mail.
            return enumerationProtection ? new RequestResult.LinkSent() : new Refused(ErrorCode.EMAIL_TAKEN);
        }
        OneTimeToken token = secrets.newToken();
        Instant now = clock.instant();
        changes.issue(user.id(), token.hash(), Kind.CONFIRM, email, now, now.plus(policy.confirmationTokenTtl()));
        mailer.send(new Mail.EmailChangeConfirmation(email, user.displayName(), links.emailChangeConfirmation(token)));
        LOG.log(Level.INFO, "user {0} asked to change their address to {1}", user.id(), email.masked());
        return new RequestResult.LinkSent();
    }

    @Override
    public ConfirmResult confirm(String token, Optional<Session> current, String ipAddress) {
        Optional<Pending> pending = redeem(token, Kind.CONFIRM);
        if (pending.isEmpty()) return new Refused(ErrorCode.EMAIL_CHANGE_LINK_INVALID);
        if (!clock.instant().isBefore(pending.get().expiresAt())) return new Refused(ErrorCode.EMAIL_CHANGE_LINK_EXPIRED);
        Optional<User> found = users.findById(pending.get().userId());
        if (found.isEmpty()) return new Refused(ErrorCode.EMAIL_CHANGE_LINK_INVALID);
        User user = found.get();
        Email newEmail = pending.get().email();
        // Checked again, atomically with the change: a registration of the address meanwhile wins.
        if (users.changeEmail(user.id(), newEmail) instanceof EmailChangeResult.EmailTaken) {
            return new Refused(ErrorCode.EMAIL_TAKEN);
        }
        // The link proved the new mailbox: whatever the old address's state, this one is proven.
        unproven.markProven(user.id());
        revoker.revokeAll(user.id());
        activity.record(user.id(), Type.EMAIL_CHANGED, Method.EMAIL_LINK, Outcome.SUCCESS, ipAddress, Optional.empty());
        undoNotice(user, newEmail, ipAddress);
        LOG.log(Level.INFO, "user {0} changed their address from {1} to {2}", user.id(), user.email().masked(), newEmail.masked());
        Optional<IssuedSession> session = current.filter(s -> s.userId().equals(user.id()))
                .map(s -> sessions.issue(users.findById(user.id()).orElse(user), Method.EMAIL_LINK));
        return new ConfirmResult.Changed(newEmail, session);
    }

    /** The old address learns of the change, with a link that undoes it for a week. */
    private void undoNotice(User user, Email newEmail, String ipAddress) {
        try {
            OneTimeToken undo = secrets.newToken();
            Instant now = clock.instant();
            changes.issue(user.id(), undo.hash(), Kind.REVERT, user.email(), now, now.plus(UNDO_WINDOW));
            mailer.send(new Mail.SecurityNotice(user.email(), user.displayName(), links.emailChangeRevert(undo),
                    Mail.SecurityNotice.Change.EMAIL_CHANGED, now, ipAddress, Optional.of(newEmail.masked()),
                    links.forgotPassword()));
        } catch (AuthException e) {
            // The change stands; the old address misses its notice. Logged loudly: it is the owner's safety net.
            LOG.log(Level.ERROR, "user {0} changed their address, but the undo notice to the old one failed: {1}", user.id(),
                    e.getMessage());
        }
    }

    @Override
    public RevertResult revert(String token, String ipAddress) {
        Optional<Pending> pending = redeem(token, Kind.REVERT);
        if (pending.isEmpty()) return new Refused(ErrorCode.EMAIL_CHANGE_LINK_INVALID);
        if (!clock.instant().isBefore(pending.get().expiresAt())) return new Refused(ErrorCode.EMAIL_CHANGE_LINK_EXPIRED);
        Optional<User> found = users.findById(pending.get().userId());
        if (found.isEmpty()) return new Refused(ErrorCode.EMAIL_CHANGE_LINK_INVALID);
        User user = found.get();
        Email oldEmail = pending.get().email();
        // Whoever changed the address may hold a session, the password, or another pending change: all go.
        revoker.revokeAll(user.id());
        changes.cancel(user.id(), Kind.CONFIRM);
        if (!oldEmail.canonical().equals(user.email().canonical())
                && users.changeEmail(user.id(), oldEmail) instanceof EmailChangeResult.EmailTaken) {
            return new Refused(ErrorCode.EMAIL_TAKEN);
        }
        users.updatePasswordHash(user.id(), RESET_REQUIRED);
        activity.record(user.id(), Type.EMAIL_CHANGE_REVERTED, Method.EMAIL_LINK, Outcome.SUCCESS, ipAddress, Optional.empty());
        try {
            passwordReset.requestReset(oldEmail.value(), ipAddress);
        } catch (AuthException e) {
            LOG.log(Level.WARNING, "user {0} undid an address change; the reset link could not be queued: {1}", user.id(),
                    e.getMessage());
        }
        LOG.log(Level.INFO, "user {0} undid an address change back to {1}", user.id(), oldEmail.masked());
        return new RevertResult.Reverted(oldEmail);
    }

    /** The pending change of this kind the token names, used up by this call; empty when unknown, used or of another kind. */
    private Optional<Pending> redeem(String token, Kind kind) {
        if (Secrets.isBlank(token)) throw new InvalidInputException(ErrorCode.CONFIRMATION_TOKEN_REQUIRED);
        String trimmed = token.strip();
        if (!OneTimeToken.isWellFormed(trimmed)) return Optional.empty();
        TokenHash hash = new OneTimeToken(trimmed).hash();
        Optional<Pending> pending = changes.find(hash).filter(p -> p.kind() == kind);
        // Redeeming is the referee: of two clicks on one link, one goes on.
        return pending.isPresent() && changes.redeem(hash) ? pending : Optional.empty();
    }
}
