package org.openml.auth.core.usecase;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.AccountSettings.DeletionResult;
import org.openml.auth.core.port.in.Administration;
import org.openml.auth.core.port.in.Administration.Action;
import org.openml.auth.core.port.in.PasswordReset;
import org.openml.auth.core.port.out.ExternalIdentityStore;
import org.openml.auth.core.port.out.PasskeyStore;
import org.openml.auth.core.port.out.UnprovenEmailStore;
import org.openml.auth.core.port.out.UserStore;

/** {@link Administration}: the owners' own mechanisms, with an audit row naming who acted. */
final class AdministrationService implements Administration {
    private static final Logger LOG = System.getLogger(AdministrationService.class.getName());

    private final UserStore users;
    private final UnprovenEmailStore unproven;
    private final Optional<ExternalIdentityStore> identities;
    private final Optional<PasskeyStore> passkeys;
    private final DevicesService devices;
    private final PasswordReset passwordReset;
    private final SessionRevoker revoker;
    private final AccountSettingsService settings;
    private final AccountActivityService activity;
    private final AccountLocks locks;
    private final java.time.Clock clock;

    AdministrationService(UserStore users, UnprovenEmailStore unproven, Optional<ExternalIdentityStore> identities,
            Optional<PasskeyStore> passkeys, DevicesService devices, PasswordReset passwordReset, SessionRevoker revoker,
            AccountSettingsService settings, AccountActivityService activity, AccountLocks locks, java.time.Clock clock) {
        this.locks = locks;
        this.clock = clock;
        this.users = users;
        this.unproven = unproven;
        this.identities = identities;
        this.passkeys = passkeys;
        this.devices = devices;
        this.passwordReset = passwordReset;
        this.revoker = revoker;
        this.settings = settings;
        this.activity = activity;
    }

    @Override
    public Optional<Actor> admin(UserId signedIn, String ipAddress) {
        Objects.requireNonNull(ipAddress, "ipAddress");
        Optional<User> user = users.findById(signedIn);
        if (user.isEmpty() || !user.get().active() || locks.locked(signedIn)) return Optional.empty();
        if (!users.groupsOf(signedIn).contains(Group.ADMIN)) return Optional.empty();
        return Optional.of(new Actor(Optional.of(signedIn), ipAddress));
    }

    @Override
    public List<User> find(String text, int limit) {
        Objects.requireNonNull(text, "text");
        // Longer than any address (254): it can match nothing, so the database is not asked.
        if (text.isBlank() || text.length() > 254) return List.of();
        return users.search(text.strip(), Math.max(1, Math.min(limit, 100)));
    }

    @Override
    public List<User> find(Actor actor, String text, int limit) {
        List<User> found = find(text, limit);
        actor.admin().ifPresent(admin -> {
            activity.record(admin, Type.ADMIN_ACTION, Method.SESSION, Outcome.SUCCESS, actor.ipAddress(),
                    Optional.of("find by " + actor.label() + " (" + found.size() + " found)"));
            LOG.log(Level.INFO, "audit: event=admin_action action=find found={0} by={1}", found.size(), actor.label());
        });
        return found;
    }

    @Override
    public Optional<Account> show(String idEmailOrUsername) {
        return lookUp(idEmailOrUsername).map(user -> new Account(user, user.active() && !unproven.isUnproven(user.id()),
                locks.locked(user.id()),
                identities.flatMap(store -> store.findIdentity(user.id())).map(ExternalIdentity::provider),
                passkeys.map(store -> store.listByUser(user.id()).size()).orElse(0), devices.liveCount(user.id())));
    }

    /** By id when it is a number, else by address, else by username. */
    private Optional<User> lookUp(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String t = text.strip();
        if (t.matches("\\d{1,18}")) return users.findById(new UserId(Long.parseLong(t)));
        Optional<User> byEmail = Email.parse(t).flatMap(e -> Accounts.byEmail(users, e));
        if (byEmail.isPresent()) return byEmail;
        try {
            return users.findByUsername(new Username(t));
        } catch (IllegalArgumentException notAUsername) {
            return Optional.empty();
        }
    }

    @Override
    public Result confirm(Actor actor, UserId id) {
        Optional<User> user = users.findById(id);
        if (user.isEmpty()) return notFound();
        boolean activated = users.activate(id);
        boolean proven = unproven.markProven(id);
        if (!activated && !proven) return new Result.Done("already confirmed");
        return done(actor, id, Action.CONFIRM, "confirmed");
    }

    @Override
    public Result sendReset(Actor actor, UserId id) {
        Optional<User> user = users.findById(id);
        if (user.isEmpty()) return notFound();
        if (!user.get().active()) return new Result.Done("not sent: the account is not confirmed (confirm it first)");
        passwordReset.requestReset(user.get().email().value(), actor.ipAddress());
        return done(actor, id, Action.SEND_RESET, "reset link queued to " + user.get().email().masked());
    }

    @Override
    public Result revokeSessions(Actor actor, UserId id) {
        if (users.findById(id).isEmpty()) return notFound();
        revoker.revokeAll(id);
        return done(actor, id, Action.REVOKE_SESSIONS, "every session ended");
    }

    @Override
    public Result lock(Actor actor, UserId id) {
        if (users.findById(id).isEmpty()) return notFound();
        if (locks.store().isEmpty()) return new Result.Refused(ErrorCode.STORE_UNAVAILABLE);
        if (!locks.store().get().lock(id, clock.instant(), actor.label())) return new Result.Done("locked already");
        // Sessions already out end too; new sign-ins and API keys are refused while the lock holds.
        revoker.revokeAll(id);
        return done(actor, id, Action.LOCK, "locked: every sign-in and API key refused, every session ended");
    }

    @Override
    public Result unlock(Actor actor, UserId id) {
        if (users.findById(id).isEmpty()) return notFound();
        if (locks.store().isEmpty() || !locks.store().get().unlock(id)) return new Result.Done("not locked");
        return done(actor, id, Action.UNLOCK, "unlocked");
    }

    @Override
    public Result delete(Actor actor, UserId id) {
        Optional<User> user = users.findById(id);
        if (user.isEmpty()) return notFound();
        // Recorded first: a deleted row keeps no audit rows, an anonymised one keeps only its own.
        LOG.log(Level.INFO, "audit: event=admin_action action=delete user={0} by={1}", id, actor.label());
        DeletionResult result = settings.erase(user.get(), actor.ipAddress());
        if (result instanceof DeletionResult.Anonymised) return new Result.Done("anonymised (the account has uploads)");
        if (result instanceof DeletionResult.Deleted) return new Result.Done("deleted");
        return notFound();
    }

    private Result done(Actor actor, UserId id, Action action, String what) {
        activity.record(id, Type.ADMIN_ACTION, Method.SESSION, Outcome.SUCCESS, actor.ipAddress(),
                Optional.of(action.word() + " by " + actor.label()));
        LOG.log(Level.INFO, "audit: event=admin_action action={0} user={1} by={2}", action.word(), id, actor.label());
        return new Result.Done(what);
    }

    private static Result notFound() {
        return new Result.Refused(ErrorCode.USER_NOT_FOUND);
    }
}
