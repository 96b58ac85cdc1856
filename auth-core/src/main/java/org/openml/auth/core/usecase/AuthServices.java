package org.openml.auth.core.usecase;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.in.AccountSettings;
import org.openml.auth.core.port.in.Administration;
import org.openml.auth.core.port.in.Devices;
import org.openml.auth.core.port.in.EmailChange;
import org.openml.auth.core.port.out.AccountLockStore;
import org.openml.auth.core.port.out.AuthMetrics;
import org.openml.auth.core.port.out.DeviceSessionStore;
import org.openml.auth.core.port.out.EmailChangeStore;
import org.openml.auth.core.port.out.AccountRemovalStore;
import org.openml.auth.core.port.out.AccountUploads;
import org.openml.auth.core.port.in.ApiKeys;
import org.openml.auth.core.port.in.Passkeys;
import org.openml.auth.core.port.in.RateLimits;
import org.openml.auth.core.port.out.AttemptLimiter;
import org.openml.auth.core.port.in.FederatedSignIn;
import org.openml.auth.core.port.in.PasswordReset;
import org.openml.auth.core.port.in.PasswordSignIn;
import org.openml.auth.core.port.in.Registration;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.ApiKeyStore;
import org.openml.auth.core.port.out.AuditEventStore;
import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.core.port.out.ChallengeStore;
import org.openml.auth.core.port.out.OneTimeTokenStore;
import org.openml.auth.core.port.out.ExternalIdentityStore;
import org.openml.auth.core.port.out.MailOutbox;
import org.openml.auth.core.port.out.Mailer;
import org.openml.auth.core.port.out.PasskeyStore;
import org.openml.auth.core.port.out.PasskeyVerifier;
import org.openml.auth.core.port.out.OAuthProvider;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.port.out.RandomSource;
import org.openml.auth.core.port.out.SessionRevocationStore;
import org.openml.auth.core.port.out.UnprovenEmailStore;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.random.SecureRandomSource;
import org.openml.auth.core.session.CsrfTokens;
import org.openml.auth.core.session.NextAuthSessionCodec;

/**
 * The use cases, assembled from the adapters you choose. Plain constructor wiring, no container:
 *
 * <pre>{@code
 * AuthServices auth = AuthServices.builder()
 *         .stores(JdbcStores.sqlite(Path.of("data/openml-auth.db")))   // or each store on its own: .users(…).apiKeys(…)
 *         .passwordHasher(hasher).mailer(mailer)
 *         .publicUrl(URI.create("https://www.openml.org")).sessionSecret(secret)
 *         .build();
 * SignInResult result = auth.passwordSignIn().signIn(new SignInCommand("jdoe", "correct horse battery staple", clientIp));
 * }</pre>
 */
public final class AuthServices implements AutoCloseable {
    private final Registration registration;
    private final PasswordSignIn passwordSignIn;
    private final PasswordReset passwordReset;
    private final Sessions sessions;
    private final ApiKeys apiKeys;
    private final java.util.Optional<Passkeys> passkeys;
    private final FederatedSignIn federatedSignIn;
    private final AccountActivity accountActivity;
    private final AccountSettings accountSettings;
    private final Devices devices;
    private final Administration administration;
    private final EmailChange emailChange;
    private final CsrfTokens csrfTokens;
    private final AuthPolicy policy;
    private final RateLimitService rateLimits;
    private final URI publicUrl;
    private final boolean enumerationProtection;
    /** Null without an outbox: mail is then sent by the request's thread. */
    private final MailOutboxSender outboxSender;

    private AuthServices(Builder b) {
        AccountLinks links = new AccountLinks(b.publicUrl);
        Secrets secrets = new Secrets(b.random, b.policy);
        RateLimitService limits = new RateLimitService(b.attemptLimiter, b.rateLimitPolicy, b.clock).withMetrics(b.metrics);
        this.rateLimits = limits;
        // With an outbox, every use case only queues its mails; the sender delivers them off the request.
        this.outboxSender = b.mailOutbox == null ? null : new MailOutboxSender(b.mailOutbox, b.mailer,
                new MailCodec(b.sessionSecret, b.previousSessionSecrets), b.clock, b.outboxPolicy).withMetrics(b.metrics);
        Mailer mailer = outboxSender == null ? b.mailer : outboxSender;
        SessionRevoker revoker = new SessionRevoker(b.sessionRevocations, b.clock);
        // Every use case writes its own audit rows and notices through this one recorder.
        AccountActivityService activity = new AccountActivityService(b.auditEvents, b.users, mailer, b.clock, b.auditPolicy, links,
                b.auditExecutor == null ? AuditPolicy.defaultExecutor() : b.auditExecutor,
                java.util.Optional.ofNullable(b.passkeyStore)).withMetrics(b.metrics);
        this.accountActivity = activity;
        SessionService sessionService = new SessionService(new NextAuthSessionCodec(b.sessionSecret, b.previousSessionSecrets),
                b.random, b.clock, b.policy, revoker, activity, java.util.Optional.ofNullable(b.deviceSessions), b.users);
        this.sessions = sessionService;
        AccountLocks locks = new AccountLocks(java.util.Optional.ofNullable(b.accountLocks));
        ApiKeyService keys = new ApiKeyService(b.users, b.apiKeys, secrets, b.clock, limits, activity);
        this.apiKeys = keys;
        AccountReclaim reclaim = new AccountReclaim(b.users, java.util.Optional.ofNullable(b.passkeyStore),
                java.util.Optional.ofNullable(b.externalIdentities), keys, revoker, b.unprovenEmails);
        AccountCreation accounts = new AccountCreation(b.users, secrets);
        ConfirmationMails confirmations = new ConfirmationMails(b.confirmationTokens, mailer, secrets, b.clock, b.policy, links);
        this.registration = new RegistrationService(b.users, b.confirmationTokens, b.passwordHasher, mailer, secrets,
                b.clock, b.policy, links, limits, revoker, b.enumerationProtection, confirmations, reclaim, accounts, activity);
        this.passwordSignIn = new PasswordSignInService(b.users, b.passwordHasher, b.clock, b.policy, limits, sessionService,
                activity, b.metrics, locks);
        this.passwordReset = new PasswordResetService(b.users, b.resetTokens, b.passwordHasher, mailer, secrets,
                b.clock, b.policy, links, limits, revoker, reclaim, activity);
        this.passkeys = b.passkeyStore == null ? java.util.Optional.empty() : java.util.Optional.of(new PasskeyService(
                b.users, b.passkeyStore, b.passkeyVerifier, b.passkeyChallenges, secrets, b.random, b.clock, mailer,
                links, b.enumerationProtection, confirmations, reclaim, accounts, limits, sessionService, activity, locks,
                b.passkeyConditionalCreate));
        this.federatedSignIn = new FederatedSignInService(b.oauthProviders, b.users, b.externalIdentities, b.oauthChallenges,
                secrets, b.random, b.clock, links.publicUrl(), reclaim, accounts, sessionService, activity, locks);
        Reauthentication reauthentication = new Reauthentication(b.passwordHasher, limits, activity, b.clock, b.policy);
        AccountSettingsService settingsService = new AccountSettingsService(b.users, b.passwordHasher, java.util.Optional.ofNullable(b.passkeyStore),
                java.util.Optional.ofNullable(b.externalIdentities), b.accountRemoval, b.accountUploads, secrets, limits,
                sessionService, revoker, activity, mailer, links, b.clock, reauthentication);
        this.accountSettings = settingsService;
        DevicesService devicesService = new DevicesService(java.util.Optional.ofNullable(b.deviceSessions), b.policy, activity, b.clock);
        this.devices = devicesService;
        this.emailChange = new EmailChangeService(b.users, b.emailChanges, b.unprovenEmails, secrets, limits, reauthentication,
                revoker, sessionService, activity, passwordReset, mailer, links, b.clock, b.policy, b.enumerationProtection);
        this.administration = new AdministrationService(b.users, b.unprovenEmails, java.util.Optional.ofNullable(b.externalIdentities),
                java.util.Optional.ofNullable(b.passkeyStore), devicesService, passwordReset, revoker,
                settingsService, activity, locks, b.clock);
        this.enumerationProtection = b.enumerationProtection;
        this.csrfTokens = new CsrfTokens(b.sessionSecret, b.random);
        this.policy = b.policy;
        this.publicUrl = links.publicUrl();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Stops the mail outbox's sender thread (mails still queued stay for the next start); does
     * nothing without an outbox. Close before the stores.
     */
    @Override
    public void close() {
        if (outboxSender != null) outboxSender.close();
    }

    /**
     * Sends every mail that is due now, on the caller's thread (the background sender does this
     * every poll interval); for operators' commands and tests. Does nothing without an outbox.
     */
    public void sendQueuedMail() {
        if (outboxSender != null) outboxSender.drain();
    }

    /**
     * Only the API-key use cases, for a service that just checks the keys its clients present
     * (no mail, no sessions, no password hashing, no limits; a regeneration through it goes to the
     * application log only, as there is no audit log to write to):
     * {@code ApiKeys keys = AuthServices.apiKeys(stores.users(), stores.apiKeys());}
     */
    public static ApiKeys apiKeys(UserStore users, ApiKeyStore keys) {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(keys, "keys");
        return new ApiKeyService(users, keys, new Secrets(new SecureRandomSource(), AuthPolicy.DEFAULTS), Clock.systemUTC(),
                new RateLimitService(null, RateLimitPolicy.OFF, Clock.systemUTC()), AccountActivityService.LOG_ONLY);
    }

    public Registration registration() {
        return registration;
    }

    public PasswordSignIn passwordSignIn() {
        return passwordSignIn;
    }

    public PasswordReset passwordReset() {
        return passwordReset;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Showing, regenerating and authenticating API keys; {@code apiKeys().authenticate(key)} for other services. */
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** Passkey sign-up, sign-in and management; empty unless {@link Builder#passkeys} was given. */
    public java.util.Optional<Passkeys> passkeys() {
        return passkeys;
    }

    public CsrfTokens csrfTokens() {
        return csrfTokens;
    }

    /** GitHub / Google sign-in; lists no provider and refuses every sign-in when none is configured. */
    public FederatedSignIn federatedSignIn() {
        return federatedSignIn;
    }

    /** The audit log and security notification mails: record security events, read an account's recent activity. */
    public AccountActivity accountActivity() {
        return accountActivity;
    }

    /** Changing the password and names, linked accounts, deleting the account: the owner's own changes. */
    public AccountSettings accountSettings() {
        return accountSettings;
    }

    /** Where the account is signed in; signing one device out. Empty lists unless {@link Builder#deviceSessions} was given. */
    public Devices devices() {
        return devices;
    }

    /** Operators' and admins' actions on someone else's account, each written to its audit log. */
    public Administration administration() {
        return administration;
    }

    /** Changing the account's address: confirmation link to the new one, undo link to the old one. */
    public EmailChange emailChange() {
        return emailChange;
    }

    public AuthPolicy policy() {
        return policy;
    }

    /** The per-client-address limits the HTTP adapter applies (no-ops when the limits are off). */
    public RateLimits rateLimits() {
        return rateLimits;
    }

    /** Whether brute-force and abuse limits are on. */
    public boolean rateLimitsEnabled() {
        return rateLimits.enabled();
    }

    /**
     * Whether strict enumeration protection is on: registration answers alike for taken and free
     * addresses (mailing the owner), passkey sign-up options too, and {@code check-email} is off.
     */
    public boolean enumerationProtection() {
        return enumerationProtection;
    }

    /** The public origin links and redirects are built from, without a trailing slash. */
    public URI publicUrl() {
        return publicUrl;
    }

    /** Collects the ports; {@link #build()} fails with the name of anything missing. */
    public static final class Builder {
        private UserStore users;
        private OneTimeTokenStore confirmationTokens;
        private OneTimeTokenStore resetTokens;
        private ApiKeyStore apiKeys;
        private PasswordHasher passwordHasher;
        private Mailer mailer;
        private RandomSource random = new SecureRandomSource();
        private Clock clock = Clock.systemUTC();
        private AuthPolicy policy = AuthPolicy.DEFAULTS;
        private URI publicUrl;
        private String sessionSecret;
        private List<String> previousSessionSecrets = List.of();
        private PasskeyStore passkeyStore;
        private PasskeyVerifier passkeyVerifier;
        private ChallengeStore passkeyChallenges;
        private List<OAuthProvider> oauthProviders = List.of();
        private ExternalIdentityStore externalIdentities;
        private ChallengeStore oauthChallenges;
        private AuditEventStore auditEvents;
        private AuditPolicy auditPolicy = AuditPolicy.DEFAULTS;
        private Executor auditExecutor;
        private AttemptLimiter attemptLimiter;
        private RateLimitPolicy rateLimitPolicy = RateLimitPolicy.DEFAULTS;

        private SessionRevocationStore sessionRevocations;
        private UnprovenEmailStore unprovenEmails;
        private MailOutbox mailOutbox;
        private OutboxPolicy outboxPolicy = OutboxPolicy.DEFAULTS;
        private boolean enumerationProtection;
        private boolean passkeyConditionalCreate = true;
        private AccountRemovalStore accountRemoval;
        private AccountUploads accountUploads = AccountUploads.ASSUME_SOME;
        private AuthMetrics metrics = AuthMetrics.NONE;
        private DeviceSessionStore deviceSessions;
        /** The stores {@link #deviceSessions} came from, when {@link #stores} set it. */
        private AuthStores deviceSessionsFrom;
        private EmailChangeStore emailChanges;
        private AccountLockStore accountLocks;

        private Builder() {}

        /**
         * Where each session is recorded (optional; {@link #stores} sets it): the list of devices,
         * signing one out, and sign-out ending the token server-side. Its {@code check} answers the
         * cut-off too, so it must read the same cut-offs as {@link #sessionRevocations} (a
         * revocation store set apart from the {@link #stores} it came from turns it off). Without it
         * sessions are checked against the cut-off only.
         */
        public Builder deviceSessions(DeviceSessionStore store) {
            this.deviceSessions = store;
            this.deviceSessionsFrom = null;
            return this;
        }

        /**
         * Where sign-ins, rate-limit refusals and mail failures are counted (default
         * {@link AuthMetrics#NONE}); e.g. {@code auth-metrics}' {@code MicrometerAuthMetrics.of(meterRegistry)}.
         */
        public Builder metrics(AuthMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Accounts operators and admins locked (optional; {@link #stores} sets it; without it nothing is ever locked). */
        public Builder accountLocks(AccountLockStore store) {
            this.accountLocks = store;
            return this;
        }

        /** Pending changes of address (required; {@link #stores} sets it). */
        public Builder emailChanges(EmailChangeStore store) {
            this.emailChanges = store;
            return this;
        }

        /** Deleting and anonymising accounts (required; {@link #stores} sets it). */
        public Builder accountRemoval(AccountRemovalStore store) {
            this.accountRemoval = store;
            return this;
        }

        /**
         * OpenML's deletion rule: whether an account owns uploads, so deleting it anonymises it
         * instead (default {@link AccountUploads#ASSUME_SOME}: every deletion anonymises, so no
         * upload of the host's ever loses its uploader; the standalone server looks at OpenML's
         * upload tables).
         */
        public Builder accountUploads(AccountUploads uploads) {
            this.accountUploads = Objects.requireNonNull(uploads, "uploads");
            return this;
        }

        /**
         * Where active accounts whose address is not proven yet are kept (required; {@link #stores}
         * sets it): the passkey pre-claim defence reads it before GitHub/Google links by email.
         */
        public Builder unprovenEmails(UnprovenEmailStore store) {
            this.unprovenEmails = store;
            return this;
        }

        /**
         * A durable outbox for every mail (optional, e.g. {@code .mailOutbox(stores.mailOutbox())};
         * the standalone server uses it): use cases only queue mails, and a daemon thread sends them
         * through {@link #mailer} with retries, so requests take the same time whether or not a mail
         * is due and an SMTP outage loses nothing. {@link AuthServices#close()} stops the thread.
         * Without one, mail is sent on the calling thread and a failure is only logged.
         */
        public Builder mailOutbox(MailOutbox outbox) {
            this.mailOutbox = outbox;
            return this;
        }

        /** How the outbox is drained (default {@link OutboxPolicy#DEFAULTS}). */
        public Builder outboxPolicy(OutboxPolicy policy) {
            this.outboxPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The audit log (required; {@link #stores} sets it). */
        public Builder auditEvents(AuditEventStore store) {
            this.auditEvents = store;
            return this;
        }

        /** Where the per-user "valid after" cut-offs live that revoke sessions on every node (required). */
        public Builder sessionRevocations(SessionRevocationStore store) {
            this.sessionRevocations = store;
            return this;
        }

        /**
         * Where refused sign-ins are written to the audit log (default: one daemon thread with a
         * queue of {@value AuditPolicy#QUEUE_CAPACITY}; events beyond it are logged and dropped).
         * Off the request thread so a refusal takes as long for an unknown login as for a known one.
         */
        public Builder auditExecutor(Executor executor) {
            this.auditExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** How much history the audit log keeps per account (default {@link AuditPolicy#DEFAULTS}). */
        public Builder auditPolicy(AuditPolicy policy) {
            this.auditPolicy = policy;
            return this;
        }

        /**
         * Where failed sign-ins and per-address requests are counted, shared by all nodes (set by
         * {@link #stores}). Required while the rate limits are on.
         */
        public Builder attemptLimiter(AttemptLimiter limiter) {
            this.attemptLimiter = limiter;
            return this;
        }

        /** The brute-force and abuse limits (default {@link RateLimitPolicy#DEFAULTS}; {@link RateLimitPolicy#OFF} for none). */
        public Builder rateLimits(RateLimitPolicy policy) {
            this.rateLimitPolicy = policy;
            return this;
        }

        /**
         * Strict protection against account enumeration (default off): registration answers the
         * same for taken and free addresses and mails a taken address's owner instead, passkey
         * sign-up options do not reveal taken addresses, and the HTTP adapter turns
         * {@code check-email} off. Off by default because OpenML's front end expects
         * "Email already registered" at sign-up.
         */
        public Builder enumerationProtection(boolean on) {
            this.enumerationProtection = on;
            return this;
        }

        /**
         * Whether a passkey is offered to be saved automatically right after a password sign-in
         * ({@link Passkeys#startConditionalAdding}; default on). Off: that call is refused.
         */
        public Builder passkeyConditionalCreate(boolean on) {
            this.passkeyConditionalCreate = on;
            return this;
        }

        /**
         * GitHub / Google sign-in (optional, default none). With at least one provider,
         * {@link #externalIdentities} and {@link #oauthChallenges} are required too.
         */
        public Builder oauthProviders(List<OAuthProvider> providers) {
            this.oauthProviders = List.copyOf(providers);
            return this;
        }

        /** Links between accounts and provider accounts ({@code users.external_source/external_id}). */
        public Builder externalIdentities(ExternalIdentityStore store) {
            this.externalIdentities = store;
            return this;
        }

        /** Where OAuth state, PKCE verifier and nonce wait for the callback: shared by all nodes. */
        public Builder oauthChallenges(ChallengeStore store) {
            this.oauthChallenges = store;
            return this;
        }

        /**
         * Every store of one persistence adapter at once (users, tokens, API keys, OAuth state,
         * external identities, session cut-offs, rate-limit counters, the audit log and unproven
         * addresses). The mail outbox is separate: {@code .mailOutbox(stores.mailOutbox())} turns it on. Passkeys still need {@link #passkeys} with their verifier.
         */
        public Builder stores(AuthStores stores) {
            users(stores.users());
            confirmationTokens(stores.confirmationTokens());
            resetTokens(stores.resetTokens());
            apiKeys(stores.apiKeys());
            externalIdentities(stores.externalIdentities());
            oauthChallenges(stores.challenges());
            auditEvents(stores.auditEvents());
            attemptLimiter(stores.attempts());
            sessionRevocations(stores.sessionRevocations());
            unprovenEmails(stores.unprovenEmails());
            accountRemoval(stores.accountRemoval());
            deviceSessions(stores.deviceSessions());
            deviceSessionsFrom = stores;
            emailChanges(stores.emailChanges());
            accountLocks(stores.accountLocks());
            return this;
        }

        public Builder users(UserStore users) {
            this.users = users;
            return this;
        }

        public Builder confirmationTokens(OneTimeTokenStore store) {
            this.confirmationTokens = store;
            return this;
        }

        public Builder resetTokens(OneTimeTokenStore store) {
            this.resetTokens = store;
            return this;
        }

        public Builder apiKeys(ApiKeyStore store) {
            this.apiKeys = store;
            return this;
        }

        public Builder passwordHasher(PasswordHasher hasher) {
            this.passwordHasher = hasher;
            return this;
        }

        public Builder mailer(Mailer mailer) {
            this.mailer = mailer;
            return this;
        }

        public Builder random(RandomSource random) {
            this.random = random;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder policy(AuthPolicy policy) {
            this.policy = policy;
            return this;
        }

        /** The public origin users reach the pages at ({@code NEXTAUTH_URL}); mailed links start with it. */
        public Builder publicUrl(URI publicUrl) {
            this.publicUrl = publicUrl;
            return this;
        }

        /** {@code NEXTAUTH_SECRET}: encrypts session cookies and vouches for CSRF cookies. */
        public Builder sessionSecret(String secret) {
            this.sessionSecret = secret;
            return this;
        }

        /** Older secrets whose session cookies are still accepted (rotation without logging everyone out). */
        /**
         * Enables passkeys (optional; without it {@link AuthServices#passkeys()} is empty): where
         * passkeys are stored, the WebAuthn verifier (e.g. {@code auth-webauthn}'s, built on the same
         * store) and where ceremonies wait for the browser (shared by all nodes).
         */
        public Builder passkeys(PasskeyStore store, PasskeyVerifier verifier, ChallengeStore challenges) {
            this.passkeyStore = Objects.requireNonNull(store, "passkey store");
            this.passkeyVerifier = Objects.requireNonNull(verifier, "passkey verifier");
            this.passkeyChallenges = Objects.requireNonNull(challenges, "challenge store");
            return this;
        }

        public Builder previousSessionSecrets(List<String> secrets) {
            this.previousSessionSecrets = List.copyOf(secrets);
            return this;
        }

        public AuthServices build() {
            Objects.requireNonNull(users, "users (a UserStore) is required");
            Objects.requireNonNull(confirmationTokens, "confirmationTokens (a OneTimeTokenStore) is required");
            Objects.requireNonNull(resetTokens, "resetTokens (a OneTimeTokenStore) is required");
            Objects.requireNonNull(apiKeys, "apiKeys (an ApiKeyStore) is required");
            Objects.requireNonNull(sessionRevocations, "sessionRevocations (a SessionRevocationStore) is required");
            Objects.requireNonNull(unprovenEmails, "unprovenEmails (an UnprovenEmailStore) is required");

            Objects.requireNonNull(passwordHasher, "passwordHasher is required");
            Objects.requireNonNull(mailer, "mailer is required");
            Objects.requireNonNull(auditEvents, "auditEvents (an AuditEventStore) is required");
            Objects.requireNonNull(auditPolicy, "auditPolicy");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(publicUrl, "publicUrl is required");
            Objects.requireNonNull(sessionSecret, "sessionSecret is required");
            Objects.requireNonNull(rateLimitPolicy, "rateLimits");
            if (rateLimitPolicy.enabled()) {
                Objects.requireNonNull(attemptLimiter, "attemptLimiter (an AttemptLimiter shared by all nodes) is required"
                        + " while rate limits are on; pass .stores(…), .attemptLimiter(…) or .rateLimits(RateLimitPolicy.OFF)");
            }
            if (!oauthProviders.isEmpty()) {
                Objects.requireNonNull(externalIdentities, "externalIdentities (an ExternalIdentityStore) is required with oauthProviders");
                Objects.requireNonNull(oauthChallenges, "oauthChallenges (a ChallengeStore) is required with oauthProviders");
            }
            Objects.requireNonNull(accountRemoval, "accountRemoval (an AccountRemovalStore) is required");
            Objects.requireNonNull(emailChanges, "emailChanges (an EmailChangeStore) is required");
            // Session records answer the cut-off too: only with the cut-offs of the same stores.
            if (deviceSessions != null && deviceSessionsFrom != null && deviceSessionsFrom.sessionRevocations() != sessionRevocations) {
                deviceSessions = null;
            }
            return new AuthServices(this);
        }
    }
}
