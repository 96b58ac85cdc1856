package org.openml.auth.core.port.in;

import java.util.Optional;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;

/** Browser and API sessions in NextAuth v4's encrypted-JWT format, with a sliding lifetime. */
public interface Sessions {

    /** A new session for a user who just signed in. */
    IssuedSession issue(User user);

    /** The session a token holds; empty when it is malformed, forged, from another secret or expired. */
    Optional<Session> read(String token);

    /** The same session with a fresh lifetime (what {@code GET /api/auth/session} sends back). */
    IssuedSession refresh(Session session);
}
