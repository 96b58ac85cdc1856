package org.openml.auth.core.usecase;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.port.in.AccountSettings;
import org.openml.auth.core.port.out.AccountRemovalStore;
import org.openml.auth.core.port.out.AccountUploads;
import org.openml.auth.core.port.out.ExternalIdentityStore;
import org.openml.auth.core.port.out.Mailer;
import org.openml.auth.core.port.out.PasskeyStore;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.port.out.UserStore;

/** {@link AccountSettings}: each change is one flow with its checks, limit, audit row and notice. */
final class AccountSettingsService implements AccountSettings {
    private static final Logger LOG = System.getLogger(AccountSettingsService.class.getName());
    /** What the person types to confirm a deletion. */
    static final String DELETE_CONFIRMATION = "DELETE";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Optional<PasskeyStore> passkeys;
    private final Optional<ExternalIdentityStore> identities;
    private final AccountRemovalStore removal;
    private final AccountUploads uploads;
    private final Secrets secrets;
    private final RateLimitService limits;
    private final SessionService sessions;
    private final SessionRevoker revoker;
    private final AccountActivityService activity;
    private final Mailer mailer;
    private final AccountLinks links;
    private final Clock clock;
    private final Reauthentication reauthentication;

    AccountSettingsService(UserStore users, PasswordHasher hasher, Optional<PasskeyStore> passkeys,
            Optional<ExternalIdentityStore> identities, AccountRemovalStore removal, AccountUploads uploads, Secrets secrets,
            RateLimitService limits, SessionService sessions, SessionRevoker revoker, AccountActivityService activity,
            Mailer mailer, AccountLinks links, Clock clock, Reauthentication reauthentication) {
        this.users = users;
        this.hasher = hasher;
        this.passkeys = passkeys;
        this.identities = identities;
        this.removal = removal;
        this.uploads = uploads;
        this.secrets = secrets;
        this.limits = limits;
        this.sessions = sessions;
        this.revoker = revoker;
        this.activity = activity;
        this.mailer = mailer;
        this.links = links;
        this.clock = clock;
        this.reauthentication = reauthentication;
    }

    // ---- password ----

    @Override
    public PasswordChangeResult changePassword(ChangePasswordCommand command) {
        if (command.newPassword() == null || command.newPassword().isEmpty()) {
            throw new InvalidInputException(ErrorCode.NEW_PASSWORD_REQUIRED);
        }
        Optional<User> found = users.findById(command.session().userId());
        if (found.isEmpty()) return new Refused(ErrorCode.UNAUTHORIZED);
        User user = found.get();
        RawPassword password = secrets.acceptableNewPassword(command.newPassword());
        Secrets.refuseIdentityLike(password, user.email(), user.username().value());
        boolean hadPassword = PasskeyService.hasUsablePassword(user.passwordHash());
        // An account with a password proves it again; one without must have signed in just now.
        Optional<Refused> refused = hadPassword
                ? reauthentication.currentPassword(user, command.currentPassword(), command.ipAddress())
                : reauthentication.recentlySignedIn(command.session(), user, command.currentPassword(), command.ipAddress());
        if (refused.isPresent()) return refused.get();

        PasswordHash hash = hasher.hash(password);
        users.updatePasswordHash(user.id(), hash);
        // Whoever knew the old password may hold a session: end every one, then give this browser a new one.
        revoker.revokeAll(user.id());
        limits.clearAccount(user);
        activity.record(user.id(), Type.PASSWORD_CHANGED, Method.PASSWORD, Outcome.SUCCESS, command.ipAddress(),
                hadPassword ? Optional.empty() : Optional.of("set"));
        LOG.log(Level.INFO, "user {0} {1} their password", user.id(), hadPassword ? "changed" : "set");
        return new PasswordChangeResult.Changed(sessions.issue(user, Method.PASSWORD));
    }

    // ---- names ----

    @Override
    public ProfileResult updateProfile(UpdateProfileCommand command) {
        if (command.firstName().isEmpty() && command.lastName().isEmpty()) throw new InvalidInputException(ErrorCode.NAME_REQUIRED);
        Optional<String> first = command.firstName().map(AccountSettingsService::cleanName);
        Optional<String> last = command.lastName().map(AccountSettingsService::cleanName);
        Optional<User> found = users.findById(command.session().userId());
        if (found.isEmpty()) return new Refused(ErrorCode.UNAUTHORIZED);
        User user = found.get();
        String firstName = first.orElse(user.firstName());
        String lastName = last.orElse(user.lastName());
        if (firstName.isEmpty() && lastName.isEmpty()) throw new InvalidInputException(ErrorCode.NAME_REQUIRED);
        if (!users.updateNames(user.id(), firstName, lastName)) return new Refused(ErrorCode.UNAUTHORIZED);
        User updated = users.findById(user.id()).orElseThrow(() -> new IllegalStateException("account vanished"));
        activity.record(user.id(), Type.NAME_CHANGED, Method.SESSION, Outcome.SUCCESS, command.ipAddress(), Optional.empty());
        return new ProfileResult.Updated(updated, sessions.refresh(command.session().withProfile(updated)));
    }

    /** Trimmed; refused when empty, longer than the column or holding control or line-separating characters. */
    private static String cleanName(String name) {
        String trimmed = Objects.requireNonNull(name, "name").strip();
        if (trimmed.isEmpty()) throw new InvalidInputException(ErrorCode.NAME_REQUIRED);
        if (trimmed.codePoints().anyMatch(cp -> Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029
                || Character.getType(cp) == Character.FORMAT && cp != 0x200D)) {
            throw new InvalidInputException(ErrorCode.NAME_INVALID);
        }
        if (trimmed.length() > NewUser.MAX_NAME_LENGTH) throw new InvalidInputException(ErrorCode.NAME_TOO_LONG);
        return trimmed;
    }

    // ---- linked accounts ----

    @Override
    public List<LinkedAccount> linkedAccounts(UserId user) {
        Objects.requireNonNull(user, "user");
        if (identities.isEmpty()) return List.of();
        Optional<ExternalIdentity> identity = identities.get().findIdentity(user);
        if (identity.isEmpty()) return List.of();
        String provider = identity.get().provider();
        // Links made before the audit log (or by OpenML's Next.js app) have no date.
        Optional<Instant> linkedAt = activity.recent(user, AccountActivityService.MAX_LIMIT).stream()
                .filter(e -> (e.type() == Type.ACCOUNT_LINKED || e.type() == Type.ACCOUNT_CREATED)
                        && e.outcome() == Outcome.SUCCESS && e.method().code().equals(provider))
                .map(AuditEvent::at).findFirst();
        return List.of(new LinkedAccount(provider, linkedAt));
    }

    @Override
    public UnlinkResult unlink(UserId user, String provider, String ipAddress) {
        Objects.requireNonNull(user, "user");
        Optional<ExternalIdentity> identity = identities.flatMap(store -> store.findIdentity(user));
        if (identity.isEmpty() || !identity.get().provider().equals(provider)) return new Refused(ErrorCode.PROVIDER_NOT_LINKED);
        Optional<User> account = users.findById(user);
        if (account.isEmpty()) return new Refused(ErrorCode.UNAUTHORIZED);
        boolean otherWay = PasskeyService.hasUsablePassword(account.get().passwordHash())
                || passkeys.map(store -> !store.listByUser(user).isEmpty()).orElse(false);
        if (!otherWay) return new Refused(ErrorCode.LAST_SIGN_IN_METHOD);
        if (!identities.get().unlink(user)) return new Refused(ErrorCode.PROVIDER_NOT_LINKED);
        activity.record(user, Type.ACCOUNT_UNLINKED, Method.SESSION, Outcome.SUCCESS, ipAddress, Optional.of(provider));
        return new UnlinkResult.Unlinked();
    }

    // ---- deletion ----

    @Override
    public DeletionResult deleteAccount(DeleteAccountCommand command) {
        if (!DELETE_CONFIRMATION.equals(command.confirm())) throw new InvalidInputException(ErrorCode.DELETE_CONFIRMATION_REQUIRED);
        Optional<User> found = users.findById(command.session().userId());
        if (found.isEmpty()) return new Refused(ErrorCode.UNAUTHORIZED);
        User user = found.get();
        Optional<Refused> refused = reauthentication.recentlySignedIn(command.session(), user, command.currentPassword(),
                command.ipAddress());
        if (refused.isPresent()) return refused.get();

        return erase(user, command.ipAddress());
    }

    /**
     * OpenML's rule, once the caller's authority is checked (the owner's here, an operator's or an
     * admin's in {@link AdministrationService}): deleted, or anonymised when it has uploads.
     */
    DeletionResult erase(User user, String ipAddress) {
        // Asked first: when it cannot be answered, nothing is deleted.
        boolean keepForUploads = uploads.hasUploads(user.id());
        // Every cookie of the account dies first, on every node; the cut-off outlives the row.
        revoker.revokeAllForGood(user.id());
        boolean done = keepForUploads ? removal.anonymise(user.id(), AccountRemovalStore.Anonymous.of(user.id()))
                : removal.delete(user.id());
        if (!done) return new Refused(ErrorCode.UNAUTHORIZED);
        if (keepForUploads) {
            // The row stays, so its audit trail keeps this one event, without the address.
            activity.record(user.id(), Type.ACCOUNT_ANONYMISED, Method.SESSION, Outcome.SUCCESS, "", Optional.empty());
        }
        // The application log is the audit trail of a deleted row: the id only, nothing personal.
        LOG.log(Level.INFO, "audit: event=account_{0} user={1}", keepForUploads ? "anonymised" : "deleted", user.id());
        lastNotice(user, keepForUploads, ipAddress);
        return keepForUploads ? new DeletionResult.Anonymised() : new DeletionResult.Deleted();
    }

    /** The last mail to the old address; the account is gone, so it is sent here rather than by the activity log. */
    private void lastNotice(User user, boolean anonymised, String ip) {
        try {
            mailer.send(new Mail.SecurityNotice(user.email(), user.displayName(), links.signIn(),
                    Mail.SecurityNotice.Change.ACCOUNT_DELETED, clock.instant(), ip,
                    anonymised ? Optional.of("anonymised") : Optional.empty(), links.forgotPassword()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not mail the last notice to deleted user {0}: {1}", user.id(), e.getMessage());
        }
    }
}
