package org.openml.auth.core.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;

/**
 * Pending changes of address ({@code email_change_token}), held only as SHA-256 hashes of the
 * mailed tokens: a {@link Kind#CONFIRM} link to the new address, and after the change a
 * {@link Kind#REVERT} (undo) link to the old one. A user has at most one token of each kind:
 * issuing voids the older one. A token works once.
 */
public interface EmailChangeStore {

    /** Which link a token is. */
    enum Kind {
        /** Mailed to the new address; its {@code email} is the new address. */
        CONFIRM,
        /** Mailed to the old address after the change; its {@code email} is the old address. */
        REVERT
    }

    /** Stores {@code hash}, deleting the user's older token of this kind. */
    void issue(UserId user, TokenHash hash, Kind kind, Email email, Instant createdAt, Instant expiresAt);

    /** The token with this hash, live or expired; empty when unknown or used. */
    Optional<Pending> find(TokenHash hash);

    /** Deletes the token; true only for the one call that deleted it (so a link works once). */
    boolean redeem(TokenHash hash);

    /** Deletes the user's token of this kind, if any (an undo voids a pending change). */
    void cancel(UserId user, Kind kind);

    /** A pending change as stored. */
    record Pending(UserId userId, Kind kind, Email email, Instant expiresAt) {
        public Pending {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
