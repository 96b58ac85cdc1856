package org.openml.auth.core.port.out;

import java.time.Instant;
import java.util.Optional;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;

/**
 * Password-reset tokens ({@code password_reset_token}), held only as SHA-256 hashes. Single use:
 * a used token stays (marked used) so a second click gets "already used", not "invalid".
 */
public interface PasswordResetTokenStore {

    /** Stores {@code hash} for {@code user}, deleting the user's older reset tokens. */
    void issue(UserId user, TokenHash hash, Instant createdAt, Instant expiresAt);

    Optional<StoredToken> find(TokenHash hash);

    /** Marks the token used; true only for the one call that found it unused. */
    boolean markUsed(TokenHash hash, Instant usedAt);

    /** Deletes the token; true when it existed. */
    boolean delete(TokenHash hash);

    /** A reset token as stored. */
    record StoredToken(UserId userId, Instant expiresAt, boolean used) {}
}
