package org.openml.auth.http.archfixture;

import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.port.in.Sessions;

/** Deliberately wrong: a route issuing a session instead of the sign-in use case. Only AdapterArchitectureTest uses it. */
public final class RouteIssuingSessions {
    private RouteIssuingSessions() {}

    public static IssuedSession handle(Sessions sessions, User user) {
        return sessions.issue(user);
    }
}
