package org.openml.auth.core.usecase;

import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.in.RateLimits;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.error.RateLimitedException;
import org.openml.auth.core.port.in.Registration;
import org.openml.auth.core.port.out.OneTimeTokenStore;
import org.openml.auth.core.port.out.Mailer;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.port.out.UserStore;

final class RegistrationService implements Registration {
    private static final System.Logger LOG = System.getLogger(RegistrationService.class.getName());
    /** Values OpenML writes into activation_code that are not secrets and must never confirm anything. */
    private static final Set<String> NON_SECRET_ACTIVATION_CODES = Set.of("0000", "passkey_pending", "passkey_activated");

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
    private final boolean enumerationProtection;
    private final ConfirmationMails confirmations;
    private final AccountReclaim reclaim;
    private final AccountCreation accounts;
    private final AccountActivity activity;

    RegistrationService(UserStore users, OneTimeTokenStore tokens, PasswordHasher hasher, Mailer mailer,
            Secrets secrets, Clock clock, AuthPolicy policy, AccountLinks links, RateLimitService limits,
            SessionRevoker revoker, boolean enumerationProtection, ConfirmationMails confirmations, AccountReclaim reclaim,
            AccountCreation accounts, AccountActivity activity) {
        this.activity = activity;
        this.accounts = accounts;
        this.confirmations = confirmations;
        this.reclaim = reclaim;
        this.limits = limits;
        this.revoker = revoker;
        this.enumerationProtection = enumerationProtection;
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
    public RegistrationResult register(RegisterCommand command) {
        limits.admit(RateLimits.Action.REGISTER, command.ipAddress());
        RegistrationResult result = registerChecked(command);
        if (result instanceof RegistrationResult.Registered registered) {
            activity.record(registered.user().id(), Type.ACCOUNT_CREATED, Method.PASSWORD, Outcome.SUCCESS,
                    command.ipAddress(), Optional.empty());
        }
        return result;
    }

    private RegistrationResult registerChecked(RegisterCommand command) {
        if (Secrets.isBlank(command.firstName()) || Secrets.isBlank(command.lastName())
                || Secrets.isBlank(command.email()) || command.password() == null || command.password().isEmpty()) {
            throw new InvalidInputException(ErrorCode.FIELDS_REQUIRED);
        }
        Email email = Email.parse(command.email()).filter(Email::isPlain)
                .orElseThrow(() -> new InvalidInputException(ErrorCode.INVALID_EMAIL));
        String firstName = command.firstName().strip();
        String lastName = command.lastName().strip();
        if (firstName.length() > NewUser.MAX_NAME_LENGTH || lastName.length() > NewUser.MAX_NAME_LENGTH) {
            throw new InvalidInputException(ErrorCode.NAME_TOO_LONG);
        }
        RawPassword password = secrets.acceptableNewPassword(command.password());
        Secrets.refuseIdentityLike(password, email, UsernamePolicy.emailBase(email));

        // Cheap check first so a duplicate costs no hashing; the store re-checks inside its transaction.
        Optional<User> owner = users.findByEmail(email);
        if (owner.isPresent()) {
            if (!enumerationProtection) return new RegistrationResult.EmailTaken();
            // Pay for the hash a real registration pays for, so the time does not tell either.
            hasher.hash(password);
            return notifyOwner(owner.get());
        }

        UsernamePolicy.Candidates usernames = UsernamePolicy.ofEmail(email);
        NewUser draft = new NewUser(usernames.get(0), email, firstName,
                lastName, hasher.hash(password), false, secrets.newApiKey(), command.ipAddress(), now());
        Optional<User> created = accounts.create(draft, usernames);
        if (created.isEmpty()) {
            // A concurrent sign-up took the address between the check and the insert.
            if (!enumerationProtection) return new RegistrationResult.EmailTaken();
            return users.findByEmail(email).map(this::notifyOwner)
                    .orElseGet(() -> new RegistrationResult.OwnerNotified(false));
        }
        User user = created.get();
        boolean mailed = sendConfirmation(user);
        LOG.log(Level.INFO, "registered user {0} ({1}), confirmation mail sent: {2}", user.id(), email.masked(), mailed);
        return new RegistrationResult.Registered(user, mailed);
    }

    @Override
    public ConfirmationResult confirmEmail(String token, String ipAddress) {
        return recorded(confirm(token), ipAddress);
    }

    /** Writes a confirmation to the audit log; "already confirmed" is no event. */
    private ConfirmationResult recorded(ConfirmationResult result, String ipAddress) {
        if (result instanceof ConfirmationResult.Confirmed confirmed) {
            activity.record(confirmed.email(), Type.EMAIL_CONFIRMED, Method.EMAIL_LINK, Outcome.SUCCESS, ipAddress, Optional.empty());
        }
        return result;
    }

    private ConfirmationResult confirm(String token) {
        if (Secrets.isBlank(token)) throw new InvalidInputException(ErrorCode.CONFIRMATION_TOKEN_REQUIRED);
        String trimmed = token.strip();
        if (!OneTimeToken.isWellFormed(trimmed)) return new ConfirmationResult.Rejected(ErrorCode.CONFIRMATION_TOKEN_INVALID);
        TokenHash hash = new OneTimeToken(trimmed).hash();
        Optional<OneTimeTokenStore.StoredToken> stored = tokens.find(hash);
        if (stored.isEmpty()) return new ConfirmationResult.Rejected(ErrorCode.CONFIRMATION_TOKEN_INVALID);
        if (!now().isBefore(stored.get().expiresAt())) {
            tokens.delete(hash);
            return new ConfirmationResult.Rejected(ErrorCode.CONFIRMATION_TOKEN_EXPIRED);
        }
        Optional<User> user = users.findById(stored.get().userId());
        if (user.isEmpty()) {
            tokens.delete(hash);
            return new ConfirmationResult.Rejected(ErrorCode.CONFIRMATION_TOKEN_INVALID);
        }
        // Confirming proves who owns the address: sessions from before (e.g. made while someone else
        // held the account) end. Before activating, so a failure leaves the link usable for a retry.
        if (!user.get().active()) revoker.revokeAll(user.get().id());
        // Activate before deleting the token: if the delete fails, a second click says "already confirmed".
        boolean changed = users.activate(user.get().id());
        // A passkey sign-up is active from the start; its link proves the address (and keeps the passkey).
        if (reclaim.markProven(user.get())) changed = true;
        tokens.delete(hash);
        if (changed) LOG.log(Level.INFO, "user {0} confirmed their email", user.get().id());
        return changed ? new ConfirmationResult.Confirmed(user.get().email())
                : new ConfirmationResult.AlreadyConfirmed(user.get().email());
    }

    @Override
    public void resendConfirmation(String email, String ipAddress) {
        limits.admit(RateLimits.Action.ACCOUNT_MAIL, ipAddress);
        Email address = requireEmail(email);
        // Counted for unknown addresses too, so a refusal says nothing about accounts.
        Optional<User> account = Accounts.byEmail(users, address);
        limits.admitAccountMail(account, address);
        account.filter(reclaim::addressUnproven).ifPresent(this::sendConfirmation);
    }

    @Override
    public boolean emailExists(String email, String ipAddress) {
        limits.admit(RateLimits.Action.CHECK_EMAIL, ipAddress);
        if (Secrets.isBlank(email)) throw new InvalidInputException(ErrorCode.EMAIL_REQUIRED);
        // Turned off by enumeration protection: a constant answer, no store read. A front end that asks
        // before registering goes on to register, which then answers generically and mails the owner.
        if (enumerationProtection) return false;
        // Availability, not identity: an address the database's collation matches is taken too.
        return Email.parse(email).flatMap(users::findByEmail).isPresent();
    }

    @Override
    public ConfirmationResult confirmLegacyLink(String url, String ipAddress) {
        return recorded(confirmLegacy(url), ipAddress);
    }

    private ConfirmationResult confirmLegacy(String url) {
        if (Secrets.isBlank(url)) throw new InvalidInputException(ErrorCode.LEGACY_CONFIRM_URL_REQUIRED);
        Optional<String> token = queryParameter(url.strip(), "token");
        if (token.isEmpty() || token.get().isBlank()) throw new InvalidInputException(ErrorCode.LEGACY_CONFIRM_TOKEN_MISSING);
        String code = token.get().strip();
        if (code.length() < 16 || code.length() > 255 || NON_SECRET_ACTIVATION_CODES.contains(code)) {
            return new ConfirmationResult.Rejected(ErrorCode.LEGACY_CONFIRM_TOKEN_INVALID);
        }
        return users.activateByLegacyActivationCode(code)
                .map(id -> {
                    // As with the new links: confirming ends the sessions that predate it.
                    revoker.revokeAll(id);
                    return id;
                })
                .flatMap(users::findById)
                .<ConfirmationResult>map(u -> new ConfirmationResult.Confirmed(u.email()))
                .orElse(new ConfirmationResult.Rejected(ErrorCode.LEGACY_CONFIRM_TOKEN_INVALID));
    }

    /** Enumeration protection: tell the address's owner that someone tried to register it. */
    private RegistrationResult notifyOwner(User owner) {
        try {
            limits.admitAccountMail(Optional.of(owner), owner.email());
        } catch (RateLimitedException e) {
            // The inbox had its share of account mails: stay silent rather than answer 429, which
            // only taken addresses would get and so would tell them apart.
            LOG.log(Level.INFO, "registration attempt with the address of user {0}: owner not mailed again (mail limit)", owner.id());
            return new RegistrationResult.OwnerNotified(false);
        }
        boolean mailed;
        try {
            mailer.send(new Mail.RegistrationAttempt(owner.email(), owner.displayName(), links.signIn()));
            mailed = true;
        } catch (AuthException e) {
            LOG.log(Level.WARNING, "could not tell user " + owner.id() + " about a registration attempt: " + e.getMessage());
            mailed = false;
        }
        LOG.log(Level.INFO, "registration attempt with the address of user {0}: owner notified: {1}", owner.id(), mailed);
        return new RegistrationResult.OwnerNotified(mailed);
    }

    /** Issues a fresh token (voiding older ones) and queues its mail; false when either step failed. */
    private boolean sendConfirmation(User user) {
        return confirmations.send(user, user.active());
    }

    static Email requireEmail(String email) {
        if (Secrets.isBlank(email)) throw new InvalidInputException(ErrorCode.EMAIL_REQUIRED);
        return Email.parse(email).orElseThrow(() -> new InvalidInputException(ErrorCode.INVALID_EMAIL));
    }

    static Optional<String> queryParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) return Optional.empty();
        String query = url.substring(q + 1);
        int hashMark = query.indexOf('#');
        if (hashMark >= 0) query = query.substring(0, hashMark);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.of("");
                }
            }
        }
        return Optional.empty();
    }

    private Instant now() {
        return clock.instant();
    }
}
