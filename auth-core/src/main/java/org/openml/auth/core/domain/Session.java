package org.openml.auth.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session cookie says: the NextAuth v4 JWT claims OpenML's front end reads
 * ({@code name, email, picture, sub, userId, username, apikey, firstName, lastName,
 * isLocalUser, iat, exp, jti}).
 */
public record Session(
        UserId userId,
        String username,
        String email,
        String name,
        Optional<String> picture,
        Optional<String> apiKey,
        String firstName,
        String lastName,
        boolean localUser,
        Instant issuedAt,
        Instant expiresAt,
        String id) {

    public Session {
        Objects.requireNonNull(userId, "userId");
        username = Objects.requireNonNullElse(username, "");
        email = Objects.requireNonNullElse(email, "");
        name = Objects.requireNonNullElse(name, "");
        Objects.requireNonNull(picture, "picture");
        Objects.requireNonNull(apiKey, "apiKey");
        firstName = Objects.requireNonNullElse(firstName, "");
        lastName = Objects.requireNonNullElse(lastName, "");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(id, "id");
    }

    /** The claims for a fresh sign-in of {@code user}. */
    public static Session of(User user, Instant issuedAt, Instant expiresAt, String id) {
        return new Session(user.id(), user.username().value(), user.email().value(), user.displayName(),
                user.image(), user.apiKey().map(ApiKey::value), user.firstName(), user.lastName(), true,
                issuedAt, expiresAt, id);
    }

    /** The same claims with a new lifetime and id (sliding expiry). */
    public Session renewed(Instant newIssuedAt, Instant newExpiresAt, String newId) {
        return new Session(userId, username, email, name, picture, apiKey, firstName, lastName, localUser,
                newIssuedAt, newExpiresAt, newId);
    }

    /** The same session carrying another API key (after a regeneration). */
    public Session withApiKey(ApiKey key) {
        return new Session(userId, username, email, name, picture, Optional.of(key.value()), firstName, lastName, localUser,
                issuedAt, expiresAt, id);
    }

    @Override
    public String toString() {
        return "Session[user=" + userId + ", expires=" + expiresAt + "]";
    }
}
