package org.openml.auth.core.port.in;

import java.util.Optional;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;

/** Browser and API sessions in NextAuth v4's encrypted-JWT format, with a sliding lifetime. */
public interface Sessions {

    /** A new session for a user who just signed in, by a way not said. */
    IssuedSession issue(User user);

    /** A new session for a user who just signed in by {@code method} (shown in the list of devices). */
    IssuedSession issue(User user, org.openml.auth.core.domain.AuditEvent.Method method);

    /**
     * As {@link #read(String)}, and also refused when the owner signed that one session out; the
     * session's record (where it is used) is written at its first read and its last-seen time at
     * most once a minute, from {@code client}. The cut-off and the record cost one store read.
     */
    Optional<Session> read(String token, SeenFrom client);

    /**
     * Ends this one session on every node (sign-out): with a record of it, its token is refused
     * from now on even where the cookie survives; without one, nothing changes server-side.
     */
    void end(Session session);

    /**
     * next-auth's {@code update()}: the session re-read from the account (names, address, username,
     * image, API key) with a fresh lifetime; empty when the account is gone. The caller's claims are
     * never taken over: only the store's.
     */
    Optional<IssuedSession> update(Session session);

    /** Where a request came from, for the record of a session. */
    record SeenFrom(String ipAddress, String userAgent) {}

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
