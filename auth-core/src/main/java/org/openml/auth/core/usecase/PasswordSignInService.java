package org.openml.auth.core.usecase;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;
import org.openml.auth.core.domain.AttemptKey;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.RateLimitedException;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.in.PasswordSignIn;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.AttemptLimiter;
import org.openml.auth.core.port.out.AuthMetrics;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.port.out.UserStore;

final class PasswordSignInService implements PasswordSignIn {
    private static final System.Logger LOG = System.getLogger(PasswordSignInService.class.getName());

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final AuthPolicy policy;
    private final RateLimitService limits;
    private final Sessions sessions;
    private final AccountActivity activity;
    private final AuthMetrics metrics;
    private final AccountLocks locks;
    private volatile PasswordHash dummyHash;

    PasswordSignInService(UserStore users, PasswordHasher hasher, Clock clock, AuthPolicy policy, RateLimitService limits,
            Sessions sessions, AccountActivity activity, AuthMetrics metrics, AccountLocks locks) {
        this.locks = locks;
        this.metrics = metrics;
        this.users = users;
        this.limits = limits;
        this.hasher = hasher;
        this.clock = clock;
        this.policy = policy;
        this.sessions = sessions;
        this.activity = activity;
    }

    @Override
    public SignInResult signIn(SignInCommand command) {
        // Under a flood, "busy" before any I/O: refusals then cost next to nothing.
        hasher.checkCapacity();
        String client = command.ipAddress();
        try {
            // Refusals from this address are counted, not sign-ins: a class behind one NAT address all get in.
            limits.checkSignInClient(client);
        } catch (RateLimitedException limited) {
            metrics.signIn(Method.PASSWORD, AuthMetrics.SignInOutcome.RATE_LIMITED);
            return new SignInResult.TooManyAttempts(limited.retryAfter());
        }
        String login = command.login();
        String password = command.password();
        if (Secrets.isBlank(login) || password == null || password.isEmpty()) return refused(login, client, false);
        // The account first (one indexed read, known or not), so the pause counts per account, not per spelling.
        Optional<User> found = lookUp(login.strip());
        AttemptKey key = RateLimitService.signInKey(found, login);
        // Paused after repeated failures: answer before any hashing, the same for unknown logins.
        Optional<AttemptLimiter.Attempts> failures = limits.accountFailures(key);
        Optional<java.time.Duration> locked = limits.pauseLeft(failures);
        if (locked.isPresent()) {
            limits.signInRefused(client);
            metrics.signIn(Method.PASSWORD, AuthMetrics.SignInOutcome.LOCKED);
            return new SignInResult.Locked(locked.get());
        }
        Optional<User> signedIn = check(found, password);
        if (signedIn.isEmpty()) return refused(login, client, limits.signInFailed(key, login));
        if (failures.isPresent()) limits.signInSucceeded(key); // nothing to forget otherwise: no write
        User user = signedIn.get();
        activity.record(user.id(), Type.SIGN_IN, Method.PASSWORD, Outcome.SUCCESS, client, Optional.empty());
        return new SignInResult.SignedIn(user, sessions.issue(user, Method.PASSWORD));
    }

    @Override
    public void checkCapacity() {
        hasher.checkCapacity();
    }

    /** Counts the refusal against the client address and writes it (and a pause it started) to the audit log. */
    private SignInResult refused(String login, String client, boolean pauseStarted) {
        limits.signInRefused(client);
        activity.signInFailed(login, Method.PASSWORD, client);
        if (pauseStarted) activity.lockedOut(login, Method.PASSWORD, client);
        return new SignInResult.InvalidCredentials();
    }

    private Optional<User> check(Optional<User> found, String password) {
        RawPassword raw = new RawPassword(password);
        // Nobody has a password this long (registration refuses it); don't spend hashing on it.
        if (raw.utf8().length > policy.maxPasswordBytes()) return Optional.empty();

        if (found.isEmpty()) {
            // Unknown users cost the same hashing as known ones (same hasher, same cost, and the same
            // second verify for input NFKC changes), so timing does not reveal who has an account.
            RawPassword normalised = Secrets.normalised(password);
            PasswordHash dummy = dummyHash();
            hasher.verify(normalised, dummy);
            if (!normalised.value().equals(password)) hasher.verify(raw, dummy);
            return Optional.empty();
        }
        User user = found.get();
        RawPassword normalised = Secrets.normalised(password);
        Match match = verify(hasher, user.passwordHash(), password);
        boolean matches = match != Match.NONE;
        boolean matchedAsTyped = match == Match.AS_TYPED;
        // A locked account answers as a wrong password does: no sign-in method gets in until it is unlocked.
        if (!matches || !user.active() || locks.locked(user.id())) {
            LOG.log(Level.DEBUG, "sign-in refused for user {0} ({1})", user.id(), matches ? "not confirmed" : "wrong password");
            return Optional.empty();
        }
        upgradeHashIfNeeded(user, normalised, matchedAsTyped);
        try {
            users.recordSignIn(user.id(), clock.instant());
        } catch (AuthException e) {
            LOG.log(Level.WARNING, "could not record the sign-in of user " + user.id(), e);
        }
        return Optional.of(user);
    }

    /** How a password matched a stored hash. */
    enum Match { NONE, NORMALISED, AS_TYPED }

    /**
     * Checks {@code password} against {@code hash} as sign-in does: new hashes are of the NFKC form,
     * older ones (other stacks) may be of the characters as typed, so both are tried.
     */
    static Match verify(PasswordHasher hasher, PasswordHash hash, String password) {
        RawPassword normalised = Secrets.normalised(password);
        if (hasher.verify(normalised, hash)) return Match.NORMALISED;
        if (!normalised.value().equals(password) && hasher.verify(new RawPassword(password), hash)) return Match.AS_TYPED;
        return Match.NONE;
    }

    private Optional<User> lookUp(String login) {
        return lookUp(users, login);
    }

    /** The account a login names: by email first (case-insensitive), then by username; legacy usernames are themselves emails. */
    static Optional<User> lookUp(UserStore users, String login) {
        Optional<User> byEmail = Email.parse(login).flatMap(e -> Accounts.byEmail(users, e));
        if (byEmail.isPresent()) return byEmail;
        try {
            return users.findByUsername(new Username(login));
        } catch (IllegalArgumentException notAUsername) {
            return Optional.empty();
        }
    }

    private void upgradeHashIfNeeded(User user, RawPassword raw, boolean matchedAsTyped) {
        if (!matchedAsTyped && !hasher.needsRehash(user.passwordHash())) return;
        try {
            users.updatePasswordHash(user.id(), hasher.hash(raw));
            LOG.log(Level.INFO, "re-hashed the password of user {0} to the current format", user.id());
        } catch (AuthException e) {
            // The sign-in itself succeeded; the upgrade happens next time.
            LOG.log(Level.WARNING, "could not re-hash the password of user " + user.id() + ": " + e.getMessage());
        }
    }

    /** A hash of the current format and cost (what a real account has), made once. */
    private PasswordHash dummyHash() {
        PasswordHash hash = dummyHash;
        if (hash == null) {
            hash = hasher.hash(new RawPassword("not-a-real-password-" + System.nanoTime()));
            dummyHash = hash;
        }
        return hash;
    }
}
