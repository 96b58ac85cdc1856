package org.openml.auth.testkit;

import org.openml.auth.core.port.out.AuthStores;

/**
 * Every store in memory, sharing state as one database would (the user store also holds API keys
 * and external identities, as {@code users.session_hash} and {@code external_source/external_id}
 * do in SQL). Hand them over in one call: {@code AuthServices.builder().stores(InMemoryStores.create())}.
 * Each {@link #create()} gives fresh, empty, independent stores.
 */
public final class InMemoryStores implements AuthStores {
    private final InMemoryAccountLockStore accountLocks = new InMemoryAccountLockStore();
    private final InMemoryUserStore users = new InMemoryUserStore(accountLocks);
    private final InMemoryOneTimeTokenStore confirmationTokens = InMemoryOneTimeTokenStore.confirmation();
    private final InMemoryOneTimeTokenStore resetTokens = InMemoryOneTimeTokenStore.reset();
    private final InMemoryChallengeStore challenges = new InMemoryChallengeStore();
    private final InMemoryPasskeyStore passkeys = new InMemoryPasskeyStore();
    private final InMemoryAuditEventStore auditEvents = new InMemoryAuditEventStore();
    private final InMemoryAttemptLimiter attempts = new InMemoryAttemptLimiter();
    private final InMemorySessionRevocationStore sessionRevocations = new InMemorySessionRevocationStore();
    private final InMemoryUnprovenEmailStore unprovenEmails = new InMemoryUnprovenEmailStore();
    private final InMemoryMailOutbox mailOutbox = new InMemoryMailOutbox();
    private final InMemoryDeviceSessionStore deviceSessions = new InMemoryDeviceSessionStore(sessionRevocations);
    private final InMemoryEmailChangeStore emailChanges = new InMemoryEmailChangeStore();
    private final InMemoryAccountRemoval accountRemoval = new InMemoryAccountRemoval(this);

    private InMemoryStores() {}

    /** Fresh, empty stores. */
    public static InMemoryStores create() {
        return new InMemoryStores();
    }

    /** Accounts. */
    @Override
    public InMemoryUserStore users() {
        return users;
    }

    /** Email-confirmation tokens. */
    @Override
    public InMemoryOneTimeTokenStore confirmationTokens() {
        return confirmationTokens;
    }

    /** Password-reset tokens. */
    @Override
    public InMemoryOneTimeTokenStore resetTokens() {
        return resetTokens;
    }

    /** API keys: the user store holds them, as {@code users.session_hash} does in SQL. */
    @Override
    public InMemoryUserStore apiKeys() {
        return users;
    }

    /** GitHub/Google links: the user store holds them, as {@code users.external_source/external_id} do in SQL. */
    @Override
    public InMemoryUserStore externalIdentities() {
        return users;
    }

    /** Short-lived ceremony state. */
    @Override
    public InMemoryChallengeStore challenges() {
        return challenges;
    }

    /** Passkeys. */
    @Override
    public InMemoryPasskeyStore passkeys() {
        return passkeys;
    }

    /** The audit log. */
    @Override
    public InMemoryAuditEventStore auditEvents() {
        return auditEvents;
    }

    /** Brute-force and abuse counters. */
    @Override
    public InMemoryAttemptLimiter attempts() {
        return attempts;
    }

    /** Per-user session cut-offs. */
    @Override
    public InMemorySessionRevocationStore sessionRevocations() {
        return sessionRevocations;
    }

    /** Active accounts whose address is not proven yet. */
    @Override
    public InMemoryUnprovenEmailStore unprovenEmails() {
        return unprovenEmails;
    }

    /** Mails waiting for the background sender. */
    @Override
    public InMemoryMailOutbox mailOutbox() {
        return mailOutbox;
    }

    /** Deleting and anonymising accounts across these stores. */
    @Override
    public org.openml.auth.core.port.out.AccountRemovalStore accountRemoval() {
        return accountRemoval;
    }

    /** Where each session is recorded, checked with the cut-off. */
    @Override
    public InMemoryDeviceSessionStore deviceSessions() {
        return deviceSessions;
    }

    /** Pending changes of address. */
    @Override
    public InMemoryEmailChangeStore emailChanges() {
        return emailChanges;
    }

    /** Accounts an operator or admin locked. */
    @Override
    public InMemoryAccountLockStore accountLocks() {
        return accountLocks;
    }
}
