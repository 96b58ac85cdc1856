package org.openml.auth.core.port.in;

import java.util.Optional;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;

/** Browser and API sessions in NextAuth v4's encrypted-JWT format, with a sliding lifetime. */
public interface Sessions {

    /** A new session for a user who just signed in. */
    IssuedSession issue(User user);

    /**
     * The session a token holds; empty when it is malformed, forged, from another secret, expired,
     * or revoked (signed in before its user's "valid after" cut-off, on any node). Costs one store
     * read when the token decodes.
     *
     * @throws org.openml.auth.core.error.StoreUnavailableException when the cut-off cannot be read
     */
    Optional<Session> read(String token);

    /**
     * Ends every session {@code user} has now, on every node ("sign out everywhere"; also done by
     * password reset, email confirmation and an OAuth pre-account takeover). Sessions issued from
     * now on are not affected.
     */
    void revokeAll(UserId user);

    /**
     * "Sign out everywhere" as the user asked for it: {@link #revokeAll} and a
     * {@link org.openml.auth.core.domain.AuditEvent.Type#SIGNED_OUT_EVERYWHERE} row with the client's address.
     */
    void signOutEverywhere(UserId user, String ipAddress);

    /** The same session with a fresh lifetime (what {@code GET /api/auth/session} sends back). */
    IssuedSession refresh(Session session);
}
