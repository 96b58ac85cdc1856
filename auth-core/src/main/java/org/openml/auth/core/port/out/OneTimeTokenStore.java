package org.openml.auth.core.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;

/**
 * One-time tokens mailed as links, held only as SHA-256 hashes. Email confirmation
 * ({@code email_confirmation_token}) and password reset ({@code password_reset_token}) are two
 * stores of this one shape ({@link AuthStores#confirmationTokens()}, {@link AuthStores#resetTokens()}),
 * built by one implementation per adapter and held to one contract suite.
 *
 * <p>A user has at most one live token per store: issuing a new one voids the older ones. Expired
 * tokens are still found, so the caller can say "expired" rather than "invalid".
 */
public interface OneTimeTokenStore {

    /** Stores {@code hash} for {@code user}, deleting the user's older tokens in this store (used or not). */
    void issue(UserId user, TokenHash hash, Instant createdAt, Instant expiresAt);

    /** The token with this hash, live, expired or used; empty when unknown. */
    Optional<StoredToken> find(TokenHash hash);

    /**
     * Marks the token used: true only for the one call that found it unused, so of several requests
     * redeeming one link exactly one goes on. A store that {@linkplain #keepsUsedTokens() keeps used
     * tokens} still finds it afterwards, {@code used}; one that does not deletes it.
     */
    boolean markUsed(TokenHash hash, Instant usedAt);

    /** Deletes the token; true when this call deleted it (so it also redeems a token exactly once). */
    boolean delete(TokenHash hash);

    /**
     * Whether a used token stays findable, marked used, until its user is issued a new one: the
     * reset store does, so a second click on a reset link is told "already used"; the confirmation
     * store (OpenML's table has no such column) forgets it.
     */
    boolean keepsUsedTokens();

    /** A token as stored; {@code used} is never true in a store that does not keep used tokens. */
    record StoredToken(UserId userId, Instant expiresAt, boolean used) {
        public StoredToken {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
