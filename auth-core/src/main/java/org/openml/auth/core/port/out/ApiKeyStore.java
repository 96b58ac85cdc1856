package org.openml.auth.core.port.out;

import java.util.Optional;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.ApiKeyRegeneration;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.UserId;

/**
 * Personal API keys ({@code users.session_hash}) and the audit of their regeneration. Never
 * cached by implementations: a replaced key must stop working on every node at once.
 */
public interface ApiKeyStore {

    /**
     * The owner of {@code key} with their groups; empty when no account holds it or the account
     * is locked ({@link AccountLockStore}). The lock is read with the key, in one statement: this is
     * every API request's path, and a second read would double its round trips.
     */
    Optional<Principal> findPrincipal(ApiKey key);

    /**
     * Sets the key of {@code user} to {@code replacement} if its current key is still
     * {@code expected} (compare-and-set, so two concurrent regenerations cannot both win), and
     * writes {@code audit} in the same transaction when present.
     */
    ReplaceResult replace(UserId user, Optional<ApiKey> expected, ApiKey replacement, Optional<ApiKeyRegeneration> audit);

    /** The newest regeneration of {@code user}'s key; empty when it was never regenerated. */
    Optional<ApiKeyRegeneration> lastRegeneration(UserId user);

    /** The outcome of {@link #replace}. */
    sealed interface ReplaceResult {
        /** The key was replaced (and the audit written). */
        record Replaced() implements ReplaceResult {}

        /** The current key is not {@code expected}: someone else replaced it first. Nothing written. */
        record Conflict() implements ReplaceResult {}

        /** Another account holds {@code replacement} (UNIQUE). Nothing written. */
        record KeyTaken() implements ReplaceResult {}

        /** No such account. */
        record UnknownUser() implements ReplaceResult {}
    }
}
