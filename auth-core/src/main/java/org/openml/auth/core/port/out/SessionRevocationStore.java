package org.openml.auth.core.port.out;

import java.time.Instant;
import java.util.Optional;
import org.openml.auth.core.domain.UserId;

/**
 * Per-user "valid after" cut-offs that end sessions on every node at once. Sessions are stateless
 * cookies, so they cannot be deleted; instead a session whose sign-in happened before its user's
 * cut-off is refused wherever it is presented. Shared by all nodes (a database table), read on
 * every session read, written on password reset, email confirmation, "sign out everywhere" and an
 * OAuth pre-account takeover wipe.
 */
public interface SessionRevocationStore {

    /**
     * The cut-off of {@code user}: sessions signed in strictly before it are revoked. Empty when
     * the user never revoked anything. Millisecond precision.
     */
    Optional<Instant> validAfter(UserId user);

    /**
     * Moves the cut-off of {@code user} to {@code cutoff} (millisecond precision), never backwards:
     * when the stored cut-off is already later, it stays, so two nodes revoking at once keep the
     * later time and a late or replayed write cannot bring revoked sessions back.
     */
    void revokeBefore(UserId user, Instant cutoff);
}
