package org.openml.auth.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session cookie says: the NextAuth v4 JWT claims OpenML's front end reads
 * ({@code name, email, picture, sub, userId, username, apikey, firstName, lastName,
 * isLocalUser, iat, exp, jti}), plus {@code signedInAt}: when the user signed in, in epoch
 * milliseconds. {@code iat} has whole seconds and moves with every sliding refresh, so revocation
 * ("valid after" cut-offs) compares against {@code signedInAt}, which refreshes carry over.
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
        String id,
        Instant signedInAt,
        String signInMethod) {

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
        Objects.requireNonNull(signedInAt, "signedInAt");
        signInMethod = Objects.requireNonNullElse(signInMethod, "");
    }

    /** A session without a known sign-in method (tokens from before it was kept, or from the Next.js app). */
    public Session(UserId userId, String username, String email, String name, Optional<String> picture,
            Optional<String> apiKey, String firstName, String lastName, boolean localUser, Instant issuedAt,
            Instant expiresAt, String id, Instant signedInAt) {
        this(userId, username, email, name, picture, apiKey, firstName, lastName, localUser, issuedAt, expiresAt, id, signedInAt, "");
    }

    /** A session without a known sign-in time: {@code issuedAt} stands in for it. */
    public Session(UserId userId, String username, String email, String name, Optional<String> picture,
            Optional<String> apiKey, String firstName, String lastName, boolean localUser, Instant issuedAt,
            Instant expiresAt, String id) {
        this(userId, username, email, name, picture, apiKey, firstName, lastName, localUser, issuedAt, expiresAt, id,
                Objects.requireNonNull(issuedAt, "issuedAt"));
    }

    /** The claims for a fresh sign-in of {@code user}, signed in at {@code issuedAt}. */
    public static Session of(User user, Instant issuedAt, Instant expiresAt, String id) {
        return of(user, issuedAt, issuedAt, expiresAt, id, "");
    }

    /**
     * The claims for a fresh sign-in of {@code user} at {@code signedInAt} (millisecond precision),
     * with the JWT times {@code issuedAt} (whole seconds) and {@code expiresAt}.
     */
    public static Session of(User user, Instant signedInAt, Instant issuedAt, Instant expiresAt, String id) {
        return of(user, signedInAt, issuedAt, expiresAt, id, "");
    }

    /** As {@link #of(User, Instant, Instant, Instant, String)}, signed in by {@code method} ({@code "password"}, …). */
    public static Session of(User user, Instant signedInAt, Instant issuedAt, Instant expiresAt, String id, String method) {
        return new Session(user.id(), user.username().value(), user.email().value(), user.displayName(),
                user.image(), user.apiKey().map(ApiKey::value), user.firstName(), user.lastName(), true,
                issuedAt, expiresAt, id, signedInAt, method);
    }

    /** The same claims with a new lifetime and id (sliding expiry); the sign-in time stays. */
    public Session renewed(Instant newIssuedAt, Instant newExpiresAt, String newId) {
        return new Session(userId, username, email, name, picture, apiKey, firstName, lastName, localUser,
                newIssuedAt, newExpiresAt, newId, signedInAt, signInMethod);
    }

    /** The same session carrying another API key (after a regeneration). */
    public Session withApiKey(ApiKey key) {
        return new Session(userId, username, email, name, picture, Optional.of(key.value()), firstName, lastName, localUser,
                issuedAt, expiresAt, id, signedInAt, signInMethod);
    }

    /** The same session carrying what the account holds now: names, address, username, image, API key. */
    public Session withAccount(User user) {
        return new Session(userId, user.username().value(), user.email().value(), user.displayName(), user.image(),
                user.apiKey().map(ApiKey::value), user.firstName(), user.lastName(), localUser, issuedAt, expiresAt, id,
                signedInAt, signInMethod);
    }

    /** The same session carrying the account's current names (after the owner changed them). */
    public Session withProfile(User user) {
        return new Session(userId, username, user.email().value(), user.displayName(), picture, apiKey, user.firstName(),
                user.lastName(), localUser, issuedAt, expiresAt, id, signedInAt, signInMethod);
    }

    @Override
    public String toString() {
        return "Session[user=" + userId + ", expires=" + expiresAt + "]";
    }
}
