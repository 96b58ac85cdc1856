package org.openml.auth.core.domain;

import java.util.Objects;

/** A session together with its encoded cookie value. */
public record IssuedSession(Session session, String token) {
    public IssuedSession {
        Objects.requireNonNull(session);
        Objects.requireNonNull(token);
    }

    @Override
    public String toString() {
        return "IssuedSession[" + session + "]";
    }
}
