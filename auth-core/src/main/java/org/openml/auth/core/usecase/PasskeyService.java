package org.openml.auth.core.usecase;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Printable;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.in.Passkeys;
import org.openml.auth.core.port.in.RateLimits;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.ChallengeStore;
import org.openml.auth.core.port.out.Mailer;
import org.openml.auth.core.port.out.PasskeyStore;
import org.openml.auth.core.port.out.PasskeyVerifier;
import org.openml.auth.core.port.out.PasskeyVerifier.AssertionOutcome;
import org.openml.auth.core.port.out.PasskeyVerifier.RegistrationOutcome;
import org.openml.auth.core.port.out.RandomSource;
import org.openml.auth.core.port.out.UserStore;

final class PasskeyService implements Passkeys {
    private final AccountLocks locks;
    private static final System.Logger LOG = System.getLogger(PasskeyService.class.getName());

    /** How long a ceremony may take, as OpenML's challenge cookies live. */
    static final Duration CEREMONY_TTL = Duration.ofMinutes(5);
    static final String SIGN_UP = "webauthn.signup";
    static final String SIGN_IN = "webauthn.signin";
    static final String ADD = "webauthn.add";
    static final String DEFAULT_SIGN_UP_DEVICE = "Primary Device";
    static final String DEFAULT_ADDED_DEVICE = "Unnamed Device";
    /**
     * The password column of accounts made with a passkey: matches no password (the hasher
     * recognises no such format), so the only ways in are the passkey and a password reset by mail.
     */
    static final PasswordHash NO_PASSWORD = new PasswordHash("passkey_no_password");
    /** A fresh random user handle: WebAuthn allows 64 bytes and asks for no personal data in it. */
    static final int USER_HANDLE_BYTES = 32;
    private static final Pattern USABLE_PASSWORD = Pattern.compile("^(\\$argon2(i|d|id)\\$.+|\\$2[abxy]?\\$.+|[0-9a-fA-F]{32})$");

    private final UserStore users;
    private final PasskeyStore passkeys;
    private final PasskeyVerifier verifier;
    private final ChallengeStore challenges;
    private final Secrets secrets;
    private final RandomSource random;
    private final Clock clock;
    private final Mailer mailer;
    private final AccountLinks links;
    private final boolean enumerationProtection;
    private final ConfirmationMails confirmations;
    private final AccountReclaim reclaim;
    private final AccountCreation accounts;
    private final RateLimitService limits;
    private final Sessions sessions;
    private final AccountActivity activity;
    /** Whether a conditional create is offered after a password sign-in. */
    private final boolean conditionalCreate;

    PasskeyService(UserStore users, PasskeyStore passkeys, PasskeyVerifier verifier, ChallengeStore challenges,
            Secrets secrets, RandomSource random, Clock clock, Mailer mailer, AccountLinks links,
            boolean enumerationProtection, ConfirmationMails confirmations, AccountReclaim reclaim,
            AccountCreation accounts, RateLimitService limits, Sessions sessions, AccountActivity activity, AccountLocks locks,
            boolean conditionalCreate) {
        this.locks = locks;
        this.conditionalCreate = conditionalCreate;
        this.limits = limits;
        this.sessions = sessions;
        this.activity = activity;
        this.accounts = accounts;
        this.confirmations = confirmations;
        this.reclaim = reclaim;
        this.mailer = mailer;
        this.links = links;
        this.enumerationProtection = enumerationProtection;
        this.users = users;
        this.passkeys = passkeys;
        this.verifier = verifier;
        this.challenges = challenges;
        this.secrets = secrets;
        this.random = random;
        this.clock = clock;
    }

    // ---- sign-up ----

    @Override
    public SignUpStart startSignUp(SignUpCommand command) {
        limits.admit(RateLimits.Action.PASSKEY, command.ipAddress());
        if (Secrets.isBlank(command.firstName()) || Secrets.isBlank(command.lastName()) || Secrets.isBlank(command.email())) {
            throw new InvalidInputException(ErrorCode.FIELDS_REQUIRED);
        }
        Email email = Email.parse(command.email()).filter(Email::isPlain)
                .orElseThrow(() -> new InvalidInputException(ErrorCode.INVALID_EMAIL));
        String firstName = command.firstName().strip();
        String lastName = command.lastName().strip();
        if (firstName.length() > NewUser.MAX_NAME_LENGTH || lastName.length() > NewUser.MAX_NAME_LENGTH) {
            throw new InvalidInputException(ErrorCode.NAME_TOO_LONG);
        }
        // With enumeration protection a taken address gets options like any other; finishSignUp refuses it then.
        if (!enumerationProtection && users.findByEmail(email).isPresent()) return new Refused(ErrorCode.EMAIL_TAKEN);
        byte[] userHandle = random.bytes(USER_HANDLE_BYTES);
        PasskeyVerifier.Start start = verifier.startRegistration(
                new PasskeyVerifier.Account(userHandle, email.value(), (firstName + " " + lastName).strip()), List.of());
        // The pending account lives only here until the credential verifies: an abandoned sign-up leaves nothing behind.
        Ceremony ceremony = begin(SIGN_UP, start, CeremonyPayload.of("state", start.state(), "firstName", firstName,
                "lastName", lastName, "email", email.value()));
        return new SignUpStart.Started(ceremony);
    }

    @Override
    public SignUpResult finishSignUp(String ceremonyId, String credentialJson, String deviceName, String ipAddress) {
        limits.admit(RateLimits.Action.PASSKEY, ipAddress);
        SignUpResult result = signUp(ceremonyId, credentialJson, deviceName, ipAddress);
        if (!(result instanceof SignUpResult.SignedUp signedUp)) return result;
        UserId user = signedUp.user().id();
        Optional<String> name = Optional.of(signedUp.passkey().deviceName());
        activity.record(user, Type.ACCOUNT_CREATED, Method.PASSKEY, Outcome.SUCCESS, ipAddress, name);
        activity.record(user, Type.SIGN_IN, Method.PASSKEY, Outcome.SUCCESS, ipAddress, name);
        return new SignUpResult.SignedUp(signedUp.user(), signedUp.passkey(), sessions.issue(signedUp.user(), Method.PASSKEY));
    }

    private SignUpResult signUp(String ceremonyId, String credentialJson, String deviceName, String ipAddress) {
        if (Secrets.isBlank(credentialJson)) return new Refused(ErrorCode.PASSKEY_CREDENTIAL_MALFORMED);
        Optional<CeremonyPayload> payload = take(ceremonyId, SIGN_UP);
        Optional<String> state = payload.flatMap(p -> p.get("state"));
        Optional<Email> email = payload.flatMap(p -> p.get("email")).flatMap(Email::parse);
        if (state.isEmpty() || email.isEmpty()) return new Refused(ErrorCode.PASSKEY_SIGNUP_EXPIRED);
        RegistrationOutcome outcome = verifier.finishRegistration(state.get(), credentialJson);
        if (outcome instanceof RegistrationOutcome.Malformed m) {
            LOG.log(Level.INFO, "passkey sign-up: malformed credential ({0})", Printable.of(m.reason(), 300));
            return new Refused(ErrorCode.PASSKEY_CREDENTIAL_MALFORMED);
        }
        if (outcome instanceof RegistrationOutcome.Failed f) {
            LOG.log(Level.INFO, "passkey sign-up for {0} failed verification: {1}", email.get().masked(), Printable.of(f.reason(), 300));
            return new Refused(ErrorCode.PASSKEY_SIGNUP_FAILED);
        }
        RegistrationOutcome.Registered registered = (RegistrationOutcome.Registered) outcome;
        if (passkeys.findByCredentialId(registered.credentialId()).isPresent()) {
            LOG.log(Level.WARNING, "passkey sign-up presented a credential that is already stored ({0})", registered.credentialId());
            return new Refused(ErrorCode.PASSKEY_SIGNUP_FAILED);
        }
        String firstName = payload.get().get("firstName").orElse("");
        String lastName = payload.get().get("lastName").orElse("");
        Optional<User> owner = users.findByEmail(email.get());
        if (owner.isPresent()) return emailTaken(owner.get());
        UsernamePolicy.Candidates usernames = UsernamePolicy.ofNames(firstName, lastName, email.get(), now());
        NewUser draft = new NewUser(usernames.get(0), email.get(), firstName, lastName, NO_PASSWORD, true,
                secrets.newApiKey(), ipAddress, now());
        Optional<User> created = accounts.create(draft, usernames);
        if (created.isEmpty()) {
            Optional<User> racer = users.findByEmail(email.get());
            return racer.isPresent() ? emailTaken(racer.get()) : new Refused(ErrorCode.PASSKEY_SIGNUP_FAILED);
        }
        User user = created.get();
        // A passkey proves an authenticator, not the mailbox: the address stays unproven until its link
        // is used. Recorded before the passkey is attached, so no moment has a usable, "proven" account.
        reclaim.markUnproven(user, now());
        PasskeyStore.AddResult added = passkeys.add(newPasskey(user.id(), registered,
                deviceName(deviceName, DEFAULT_SIGN_UP_DEVICE)));
        if (!(added instanceof PasskeyStore.AddResult.Added a)) {
            // Only a concurrent sign-up with the very same credential gets here (checked just above).
            LOG.log(Level.ERROR, "passkey sign-up created user {0} but its credential was taken meanwhile", user.id());
            return new Refused(ErrorCode.PASSKEY_SIGNUP_FAILED);
        }
        users.recordSignIn(user.id(), now());
        boolean queued = confirmations.send(user, true);
        LOG.log(Level.INFO, "user {0} ({1}) signed up with a passkey; confirmation mail queued: {2}", user.id(),
                email.get().masked(), queued);
        return new SignUpResult.SignedUp(user, a.passkey(), null);
    }

    /**
     * A sign-up for a taken address. With enumeration protection the owner is mailed and the
     * answer is the one a failed ceremony gets; it still differs from a successful sign-up, which
     * signs in, but only after a completed WebAuthn ceremony, not from the options request.
     */
    private SignUpResult emailTaken(User owner) {
        if (!enumerationProtection) return new Refused(ErrorCode.EMAIL_TAKEN);
        try {
            mailer.send(new Mail.RegistrationAttempt(owner.email(), owner.displayName(), links.signIn()));
        } catch (AuthException e) {
            LOG.log(Level.WARNING, "could not tell user " + owner.id() + " about a passkey sign-up attempt: " + e.getMessage());
        }
        return new Refused(ErrorCode.PASSKEY_SIGNUP_FAILED);
    }

    // ---- sign-in ----

    @Override
    public Ceremony startSignIn(String ipAddress) {
        limits.admit(RateLimits.Action.PASSKEY, ipAddress);
        PasskeyVerifier.Start start = verifier.startAuthentication();
        return begin(SIGN_IN, start, CeremonyPayload.of("state", start.state()));
    }

    @Override
    public SignInResult finishSignIn(String ceremonyId, String credentialJson, String ipAddress) {
        limits.admit(RateLimits.Action.PASSKEY, ipAddress);
        SignInResult result = signIn(ceremonyId, credentialJson);
        if (!(result instanceof SignInResult.SignedIn signedIn)) {
            // Which account a refused assertion claims is unverified input: attributing it would let anyone
            // write into another user's history, so it goes to the application log only.
            activity.signInFailed(null, Method.PASSKEY, ipAddress);
            return result;
        }
        activity.record(signedIn.user().id(), Type.SIGN_IN, Method.PASSKEY, Outcome.SUCCESS, ipAddress,
                Optional.of(signedIn.passkey().deviceName()));
        return new SignInResult.SignedIn(signedIn.user(), signedIn.passkey(), sessions.issue(signedIn.user(), Method.PASSKEY));
    }

    private SignInResult signIn(String ceremonyId, String credentialJson) {
        if (Secrets.isBlank(credentialJson)) return new Refused(ErrorCode.PASSKEY_CREDENTIAL_MALFORMED);
        Optional<String> state = take(ceremonyId, SIGN_IN).flatMap(p -> p.get("state"));
        if (state.isEmpty()) return new Refused(ErrorCode.PASSKEY_SIGNIN_CHALLENGE_MISSING);
        AssertionOutcome outcome = verifier.finishAuthentication(state.get(), credentialJson);
        if (outcome instanceof AssertionOutcome.Malformed m) {
            LOG.log(Level.INFO, "passkey sign-in: malformed credential ({0})", Printable.of(m.reason(), 300));
            return new Refused(ErrorCode.PASSKEY_CREDENTIAL_MALFORMED);
        }
        if (outcome instanceof AssertionOutcome.Failed f) {
            LOG.log(Level.INFO, "passkey sign-in failed verification: {0}", Printable.of(f.reason(), 300));
            return failedSignIn();
        }
        if (outcome instanceof AssertionOutcome.UnknownCredential u) {
            LOG.log(Level.INFO, "passkey sign-in with a credential this server does not hold: {0}", u.credentialId());
            return new Refused(ErrorCode.PASSKEY_UNKNOWN_CREDENTIAL);
        }
        AssertionOutcome.Verified verified = (AssertionOutcome.Verified) outcome;
        // The verifier checked the owner already; check again here, where the session is decided.
        Optional<Passkey> stored = passkeys.findByCredentialId(verified.credentialId());
        if (stored.isEmpty() || !stored.get().hasUserHandle(verified.userHandle())) {
            LOG.log(Level.WARNING, "passkey sign-in: {0} is unknown or not owned by the presented user handle",
                    verified.credentialId());
            return failedSignIn();
        }
        Passkey passkey = stored.get();
        Optional<User> user = users.findById(passkey.userId()).filter(User::active).filter(u -> !locks.locked(u.id()));
        if (user.isEmpty()) {
            LOG.log(Level.INFO, "passkey sign-in refused: user {0} is missing or not active", passkey.userId());
            return failedSignIn();
        }
        long storedCount = passkey.signCount();
        long presented = verified.signCount();
        // Counters of synced passkeys stay 0; any authenticator that counts must count upwards.
        if ((storedCount != 0 || presented != 0) && presented <= storedCount) {
            LOG.log(Level.WARNING, "passkey sign-in refused for user {0}: signature counter went from {1} to {2} on passkey {3};"
                    + " the authenticator may have been cloned", passkey.userId(), storedCount, presented, passkey.id());
            return failedSignIn();
        }
        if (!passkeys.recordUse(passkey.id(), storedCount, presented, verified.backupState(), now())) {
            LOG.log(Level.WARNING, "passkey sign-in refused for user {0}: passkey {1} was removed or used concurrently",
                    passkey.userId(), passkey.id());
            return failedSignIn();
        }
        users.recordSignIn(passkey.userId(), now());
        return new SignInResult.SignedIn(user.get(), passkey, null);
    }

    private static Refused failedSignIn() {
        return new Refused(ErrorCode.PASSKEY_SIGNIN_FAILED);
    }

    // ---- adding to an account ----

    @Override
    public AddStart startConditionalAdding(org.openml.auth.core.domain.Session session, String ipAddress) {
        java.util.Objects.requireNonNull(session, "session");
        boolean fresh = Method.PASSWORD.code().equals(session.signInMethod())
                && !session.signedInAt().plus(CONDITIONAL_CREATE_WINDOW).isBefore(now());
        if (!conditionalCreate || !fresh) {
            limits.admit(RateLimits.Action.PASSKEY, ipAddress);
            return new Refused(ErrorCode.PASSKEY_CONDITIONAL_CREATE_UNAVAILABLE);
        }
        return startAdding(session.userId(), ipAddress, true);
    }

    @Override
    public AddStart startAdding(UserId userId, String ipAddress) {
        return startAdding(userId, ipAddress, false);
    }

    private AddStart startAdding(UserId userId, String ipAddress, boolean conditional) {
        limits.admit(RateLimits.Action.PASSKEY, ipAddress);
        Optional<User> user = users.findById(userId);
        if (user.isEmpty()) return new Refused(ErrorCode.UNAUTHORIZED);
        List<Passkey> existing = passkeys.listByUser(userId);
        // One user handle per account: an authenticator keeps one discoverable credential per (RP, user handle).
        byte[] userHandle = existing.isEmpty() ? random.bytes(USER_HANDLE_BYTES) : existing.get(0).userHandle();
        PasskeyVerifier.Start start = verifier.startRegistration(
                new PasskeyVerifier.Account(userHandle, user.get().email().value(), user.get().displayName()),
                existing.stream().map(Passkey::credentialId).toList());
        // The ceremony remembers it was conditional: only its verification may accept a missing user-presence flag.
        return new AddStart.Started(begin(ADD, start, CeremonyPayload.of("state", start.state(), "userId",
                Long.toString(userId.value()), "conditional", Boolean.toString(conditional))));
    }

    @Override
    public AddResult finishAdding(UserId userId, String ceremonyId, String credentialJson, String deviceName, String ipAddress) {
        limits.admit(RateLimits.Action.PASSKEY, ipAddress);
        AddResult result = add(userId, ceremonyId, credentialJson, deviceName);
        if (result instanceof AddResult.Added added) {
            activity.record(userId, Type.PASSKEY_ADDED, Method.SESSION, Outcome.SUCCESS, ipAddress,
                    Optional.of(added.passkey().deviceName()));
        }
        return result;
    }

    private AddResult add(UserId userId, String ceremonyId, String credentialJson, String deviceName) {
        if (Secrets.isBlank(credentialJson)) return new Refused(ErrorCode.PASSKEY_CREDENTIAL_MALFORMED);
        Optional<CeremonyPayload> payload = take(ceremonyId, ADD);
        Optional<String> state = payload.flatMap(p -> p.get("state"));
        // A ceremony started by another account (same browser, switched sessions) is not this one's.
        boolean sameUser = payload.flatMap(p -> p.get("userId")).filter(id -> id.equals(Long.toString(userId.value()))).isPresent();
        if (state.isEmpty() || !sameUser) return new Refused(ErrorCode.PASSKEY_REGISTRATION_CHALLENGE_MISSING);
        if (users.findById(userId).isEmpty()) return new Refused(ErrorCode.UNAUTHORIZED);
        boolean conditional = payload.flatMap(p -> p.get("conditional")).filter("true"::equals).isPresent();
        RegistrationOutcome outcome = verifier.finishRegistration(state.get(), credentialJson, conditional);
        if (outcome instanceof RegistrationOutcome.Malformed m) {
            LOG.log(Level.INFO, "adding a passkey: malformed credential ({0})", Printable.of(m.reason(), 300));
            return new Refused(ErrorCode.PASSKEY_CREDENTIAL_MALFORMED);
        }
        if (outcome instanceof RegistrationOutcome.Failed f) {
            LOG.log(Level.INFO, "adding a passkey for user {0} failed verification: {1}", userId, Printable.of(f.reason(), 300));
            return new Refused(ErrorCode.PASSKEY_ADD_FAILED);
        }
        RegistrationOutcome.Registered registered = (RegistrationOutcome.Registered) outcome;
        PasskeyStore.AddResult added = passkeys.add(newPasskey(userId, registered, deviceName(deviceName, DEFAULT_ADDED_DEVICE)));
        if (added instanceof PasskeyStore.AddResult.Added a) {
            LOG.log(Level.INFO, "user {0} added passkey {1}", userId, a.passkey().id());
            return new AddResult.Added(a.passkey());
        }
        LOG.log(Level.INFO, "user {0} tried to add a credential that is already stored ({1})", userId, registered.credentialId());
        return new Refused(ErrorCode.PASSKEY_ADD_FAILED);
    }

    // ---- managing ----

    @Override
    public List<Passkey> list(UserId user) {
        return passkeys.listByUser(user);
    }

    @Override
    public String rpId() {
        return verifier.rpId();
    }

    @Override
    public Optional<org.openml.auth.core.domain.PasskeyProvider> provider(Passkey passkey) {
        return passkey.aaguid().flatMap(verifier::provider);
    }

    @Override
    public ChangeResult rename(UserId user, String passkeyId, String deviceName, String ipAddress) {
        if (Secrets.isBlank(passkeyId)) return new Refused(ErrorCode.PASSKEY_ID_REQUIRED);
        if (Secrets.isBlank(deviceName)) return new Refused(ErrorCode.DEVICE_NAME_REQUIRED);
        String name = deviceName.strip();
        if (name.length() > Passkey.MAX_DEVICE_NAME_LENGTH) return new Refused(ErrorCode.DEVICE_NAME_TOO_LONG);
        Optional<Long> id = parseId(passkeyId);
        if (id.isEmpty() || !passkeys.rename(user, id.get(), name)) return new Refused(ErrorCode.PASSKEY_NOT_FOUND);
        activity.record(user, Type.PASSKEY_RENAMED, Method.SESSION, Outcome.SUCCESS, ipAddress, Optional.of(name));
        return new ChangeResult.Changed();
    }

    @Override
    public ChangeResult remove(UserId user, String passkeyId, String ipAddress) {
        if (Secrets.isBlank(passkeyId)) return new Refused(ErrorCode.PASSKEY_ID_REQUIRED);
        Optional<Long> id = parseId(passkeyId);
        if (id.isEmpty()) return new Refused(ErrorCode.PASSKEY_NOT_FOUND);
        List<Passkey> owned = passkeys.listByUser(user);
        Optional<Passkey> removed = owned.stream().filter(p -> p.id() == id.get()).findFirst();
        if (removed.isEmpty()) return new Refused(ErrorCode.PASSKEY_NOT_FOUND);
        if (owned.size() == 1) {
            Optional<User> account = users.findById(user);
            if (account.isPresent() && !hasUsablePassword(account.get().passwordHash())) {
                return new Refused(ErrorCode.LAST_PASSKEY);
            }
        }
        if (!passkeys.remove(user, id.get())) return new Refused(ErrorCode.PASSKEY_NOT_FOUND);
        LOG.log(Level.INFO, "user {0} removed passkey {1}", user, id.get());
        // Its name, for the history: after the removal it is gone.
        activity.record(user, Type.PASSKEY_REMOVED, Method.SESSION, Outcome.SUCCESS, ipAddress,
                Optional.of(removed.get().deviceName()));
        return new ChangeResult.Changed();
    }

    /** Whether the stored hash is a password format at all (not a marker such as {@code passkey_no_password}). */
    static boolean hasUsablePassword(PasswordHash hash) {
        return USABLE_PASSWORD.matcher(hash.encoded()).matches();
    }

    // ---- helpers ----

    private Ceremony begin(String purpose, PasskeyVerifier.Start start, CeremonyPayload payload) {
        OneTimeToken id = secrets.newToken();
        challenges.put(id.hash(), purpose, payload.encode(), now().plus(CEREMONY_TTL));
        return new Ceremony(id.value(), start.optionsJson());
    }

    /** The ceremony's payload, used up; empty for a missing, malformed, unknown, expired or other-purpose id. */
    private Optional<CeremonyPayload> take(String ceremonyId, String purpose) {
        if (ceremonyId == null || !OneTimeToken.isWellFormed(ceremonyId.strip())) return Optional.empty();
        return challenges.take(new OneTimeToken(ceremonyId.strip()).hash(), purpose, now()).flatMap(CeremonyPayload::decode);
    }

    private Passkey.New newPasskey(UserId owner, RegistrationOutcome.Registered r, String deviceName) {
        return new Passkey.New(owner, r.credentialId(), r.publicKeyCose(), r.userHandle(), r.signCount(), r.transports(),
                deviceName, now(), r.backupEligible(), r.backupState(), r.aaguid());
    }

    /** The given name, trimmed and cut to 100 characters, or the default when blank. */
    static String deviceName(String given, String fallback) {
        if (Secrets.isBlank(given)) return fallback;
        String name = given.strip();
        return name.length() > Passkey.MAX_DEVICE_NAME_LENGTH ? name.substring(0, Passkey.MAX_DEVICE_NAME_LENGTH).strip() : name;
    }

    private static Optional<Long> parseId(String text) {
        try {
            long id = Long.parseLong(text.strip());
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
