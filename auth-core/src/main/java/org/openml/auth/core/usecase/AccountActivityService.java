package org.openml.auth.core.usecase;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.out.AuditEventStore;
import org.openml.auth.core.port.out.AuthMetrics;
import org.openml.auth.core.port.out.Mailer;
import org.openml.auth.core.port.out.PasskeyStore;
import org.openml.auth.core.port.out.UserStore;

/**
 * Writes the audit log and sends the security notifications. Every recording path catches its
 * own failures: a security event that was decided has happened, and an audit or mail outage must
 * not undo or refuse it (see {@link AccountActivity}).
 */
final class AccountActivityService implements AccountActivity {
    private static final System.Logger LOG = System.getLogger(AccountActivityService.class.getName());

    /**
     * For the API-key use cases on their own ({@link AuthServices#apiKeys}), which have no audit
     * store: events go to the application log, nothing is mailed.
     */
    static final AccountActivity LOG_ONLY = new AccountActivity() {
        @Override
        public void record(UserId user, Type type, Method method, Outcome outcome, String ipAddress, Optional<String> detail) {
            LOG.log(Level.INFO, "audit: event={0} outcome={1} method={2} user={3} ip={4}", type.code(), outcome.code(),
                    method.code(), user, LogText.printable(ipAddress));
        }

        @Override
        public void record(Email account, Type type, Method method, Outcome outcome, String ipAddress, Optional<String> detail) {
            LOG.log(Level.INFO, "audit: event={0} outcome={1} method={2} account={3} ip={4}", type.code(), outcome.code(),
                    method.code(), account.masked(), LogText.printable(ipAddress));
        }

        @Override
        public void signInFailed(String login, Method method, String ipAddress) {}

        @Override
        public void lockedOut(String login, Method method, String ipAddress) {}

        @Override
        public List<AuditEvent> recent(UserId user, int limit) {
            return List.of();
        }
    };

    private final AuditEventStore events;
    private final UserStore users;
    private final Mailer mailer;
    private final Clock clock;
    private final AuditPolicy policy;
    private final AccountLinks links;
    private final Executor background;
    private final Optional<PasskeyStore> passkeys;

    /**
     * @param background where refused sign-ins are looked up and written: off the request thread, so
     *     the answer to a refused sign-in takes the same time whether or not the login names an account
     *     (writing an event for a known one but not for an unknown one would otherwise be a timing oracle)
     */
    AccountActivityService(AuditEventStore events, UserStore users, Mailer mailer, Clock clock, AuditPolicy policy,
            AccountLinks links, Executor background, Optional<PasskeyStore> passkeys) {
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        this.background = Objects.requireNonNull(background, "background");
        this.events = Objects.requireNonNull(events, "events");
        this.users = Objects.requireNonNull(users, "users");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.links = Objects.requireNonNull(links, "links");
    }

    private AuthMetrics metrics = AuthMetrics.NONE;

    /** Counts sign-ins as they are recorded (set once, at assembly). */
    AccountActivityService withMetrics(AuthMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    /** The metrics this recorder counts into, for the flows that end a sign-in before it is recorded. */
    AuthMetrics metrics() {
        return metrics;
    }

    @Override
    public void record(UserId user, Type type, Method method, Outcome outcome, String ipAddress, Optional<String> detail) {
        if (type == Type.SIGN_IN) {
            metrics.signIn(method, outcome == Outcome.SUCCESS ? AuthMetrics.SignInOutcome.SUCCESS : AuthMetrics.SignInOutcome.FAILURE);
        }
        AuditEvent event;
        try {
            event = new AuditEvent(user, type, method, outcome, clock.instant(), ipAddress, detail);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "audit: could not describe a {0} event of user {1}: {2}", type, user, e.toString());
            return;
        }
        append(event);
        if (outcome == Outcome.SUCCESS) notice(type).ifPresent(change -> notify(event, change));
    }

    @Override
    public void record(Email account, Type type, Method method, Outcome outcome, String ipAddress, Optional<String> detail) {
        Optional<User> user;
        try {
            user = Accounts.byEmail(users, account);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "audit: could not record {0} ({1}) for {2}: the account look-up failed: {3}",
                    type.code(), outcome.code(), account.masked(), e.getMessage());
            return;
        }
        if (user.isEmpty()) {
            LOG.log(Level.WARNING, "audit: {0} ({1}) for {2}, which no account has", type.code(), outcome.code(), account.masked());
            return;
        }
        record(user.get().id(), type, method, outcome, ipAddress, detail);
    }

    @Override
    public void signInFailed(String login, Method method, String ipAddress) {
        metrics.signIn(method, AuthMetrics.SignInOutcome.FAILURE);
        refused(Type.SIGN_IN, login, method, ipAddress);
    }

    @Override
    public void lockedOut(String login, Method method, String ipAddress) {
        refused(Type.LOCKED_OUT, login, method, ipAddress);
    }

    private void refused(Type type, String login, Method method, String ipAddress) {
        Instant at;
        try {
            at = clock.instant();
            background.execute(() -> refused(type, login, method, ipAddress, at));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "audit: queue full, dropped a failed {0} sign-in from {1}", method.code(), LogText.printable(ipAddress));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "audit: could not queue a failed sign-in: {0}", e.toString());
        }
    }

    private void refused(Type type, String login, Method method, String ipAddress, Instant at) {
        Optional<User> user;
        try {
            user = lookUp(login);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "audit: could not record a failed {0} sign-in from {1}: the account look-up failed: {2}",
                    method.code(), LogText.printable(ipAddress), e.getMessage());
            return;
        }
        if (user.isEmpty()) {
            // No account to attach it to: the application log is its audit trail. Never the password.
            LOG.log(Level.INFO, "audit: event={0} outcome=failure method={1} account=none login={2} ip={3}",
                    type.code(), method.code(), LogText.login(login), LogText.printable(ipAddress));
            return;
        }
        try {
            append(new AuditEvent(user.get().id(), type, method, Outcome.FAILURE, at, ipAddress, Optional.empty()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "audit: could not describe a failed sign-in of user {0}: {1}", user.get().id(), e.toString());
        }
    }

    @Override
    public List<AuditEvent> recent(UserId user, int limit) {
        Objects.requireNonNull(user, "user");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        return events.recent(user, Math.min(limit, MAX_LIMIT));
    }

    private void append(AuditEvent event) {
        try {
            events.append(event, policy.keepPerUser(), event.at().minus(policy.retention()));
        } catch (RuntimeException e) {
            // Logged in full (it holds no secrets) so the event is not lost, only out of the table.
            LOG.log(Level.ERROR, "audit: could not write event={0} outcome={1} method={2} user={3} ip={4}: {5}",
                    event.type().code(), event.outcome().code(), event.method().code(), event.userId(), LogText.printable(event.ipAddress()),
                    e.getMessage());
        }
    }

    private void notify(AuditEvent event, Mail.SecurityNotice.Change change) {
        try {
            Optional<User> user = users.findById(event.userId());
            if (user.isEmpty()) return;
            mailer.send(new Mail.SecurityNotice(user.get().email(), user.get().displayName(), links.account(), change,
                    event.at(), event.ipAddress(), event.detail(), links.forgotPassword(), passkeysToList(change, event.userId())));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not mail user {0} about {1}: {2}", event.userId(), change, e.getMessage());
        }
    }

    /**
     * A password reset ends sessions, but passkeys and the API key still work: the notice names
     * the passkeys, so an owner who finds one they do not know removes it (and regenerates the key).
     */
    private List<String> passkeysToList(Mail.SecurityNotice.Change change, UserId user) {
        if (change != Mail.SecurityNotice.Change.PASSWORD_CHANGED || passkeys.isEmpty()) return List.of();
        return passkeys.get().listByUser(user).stream().map(org.openml.auth.core.domain.Passkey::deviceName).toList();
    }

    /** The changes the owner is told about by mail. */
    static Optional<Mail.SecurityNotice.Change> notice(Type type) {
        return switch (type) {
            case PASSWORD_RESET -> Optional.of(Mail.SecurityNotice.Change.PASSWORD_CHANGED);
            case PASSKEY_ADDED -> Optional.of(Mail.SecurityNotice.Change.PASSKEY_ADDED);
            case API_KEY_REGENERATED -> Optional.of(Mail.SecurityNotice.Change.API_KEY_REGENERATED);
            case ACCOUNT_LINKED -> Optional.of(Mail.SecurityNotice.Change.ACCOUNT_LINKED);
            case ACCOUNT_RECLAIMED -> Optional.of(Mail.SecurityNotice.Change.ACCOUNT_RECLAIMED);
            case PASSWORD_CHANGED -> Optional.of(Mail.SecurityNotice.Change.PASSWORD_UPDATED);
            case ACCOUNT_UNLINKED -> Optional.of(Mail.SecurityNotice.Change.ACCOUNT_UNLINKED);
            case SIGN_IN, LOCKED_OUT, EMAIL_CONFIRMED, PASSKEY_REMOVED, PASSKEY_RENAMED, ACCOUNT_CREATED, SIGNED_OUT_EVERYWHERE,
                    NAME_CHANGED, ACCOUNT_ANONYMISED, EMAIL_CHANGED, EMAIL_CHANGE_REVERTED, SESSION_ENDED, ADMIN_ACTION ->
                    Optional.empty();
        };
    }

    /** By email first, then by username, as the password sign-in finds accounts. */
    private Optional<User> lookUp(String login) {
        if (login == null || login.isBlank()) return Optional.empty();
        return PasswordSignInService.lookUp(users, login.strip());
    }
}
