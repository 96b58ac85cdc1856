package org.openml.auth.core.port.out;

import java.time.Instant;
import java.util.Optional;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;

/**
 * Email-confirmation tokens ({@code email_confirmation_token}), held only as SHA-256 hashes.
 * A user has at most one live token: issuing a new one voids the older ones.
 */
public interface EmailConfirmationTokenStore {

    /** Stores {@code hash} for {@code user}, deleting the user's older confirmation tokens. */
    void issue(UserId user, TokenHash hash, Instant createdAt, Instant expiresAt);

    Optional<StoredToken> find(TokenHash hash);

    /** Deletes the token; true when this call deleted it (so only one caller redeems it). */
    boolean delete(TokenHash hash);

    /** A confirmation token as stored. */
    record StoredToken(UserId userId, Instant expiresAt) {}
}
