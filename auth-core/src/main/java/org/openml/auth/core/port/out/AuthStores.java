package org.openml.auth.core.port.out;

/**
 * All the stores of one database, so a whole persistence adapter can be handed over in one call:
 * {@code AuthServices.builder().stores(JdbcStores.sqlite(path))}. Implemented by the JDBC module's
 * {@code JdbcStores} and the testkit's {@code InMemoryStores}.
 */
public interface AuthStores {
    UserStore users();

    /** Email-confirmation tokens; a used one is forgotten. */
    OneTimeTokenStore confirmationTokens();

    /** Password-reset tokens; a used one is kept, marked used. */
    OneTimeTokenStore resetTokens();

    ApiKeyStore apiKeys();

    /** Short-lived ceremony state (OAuth state, WebAuthn challenges). */
    ChallengeStore challenges();

    ExternalIdentityStore externalIdentities();

    PasskeyStore passkeys();

    /** The audit log: each account's security events. */
    AuditEventStore auditEvents();
    /** Counters of failed sign-ins and per-address requests (brute-force and abuse limits), shared by all nodes. */
    AttemptLimiter attempts();
    /** Per-user session cut-offs ("valid after"), read on every session read. */
    SessionRevocationStore sessionRevocations();

    /** Active accounts whose address is not proven yet (passkey sign-ups before their confirmation link). */
    UnprovenEmailStore unprovenEmails();

    /** Mails waiting to be sent by the background sender. */
    MailOutbox mailOutbox();

    /** Deleting and anonymising accounts, each in one transaction across these stores. */
    AccountRemovalStore accountRemoval();

    /** Where each session is recorded (devices), checked with the cut-off in one read. */
    DeviceSessionStore deviceSessions();

    /** Pending changes of address (confirmation and undo links). */
    EmailChangeStore emailChanges();

    /** Accounts an operator or admin locked. */
    AccountLockStore accountLocks();
}
