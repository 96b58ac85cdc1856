package org.openml.auth.core.domain;

import java.time.Instant;
import java.util.Objects;

/** What a store needs to create an account; the store assigns the id and the members group. */
public record NewUser(
        Username username,
        Email email,
        String firstName,
        String lastName,
        PasswordHash passwordHash,
        boolean active,
        ApiKey apiKey,
        String ipAddress,
        Instant createdAt) {

    public static final int MAX_NAME_LENGTH = 50;

    public NewUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(createdAt, "createdAt");
        firstName = requireName(firstName, "firstName");
        lastName = requireName(lastName, "lastName");
        ipAddress = ipAddress == null || ipAddress.isBlank() ? "127.0.0.1" : ipAddress;
        if (ipAddress.length() > 45) throw new IllegalArgumentException("ipAddress longer than 45 characters");
    }

    private static String requireName(String name, String field) {
        Objects.requireNonNull(name, field);
        if (name.length() > MAX_NAME_LENGTH) throw new IllegalArgumentException(field + " longer than 50 characters");
        return name;
    }

    public NewUser withUsername(Username other) {
        return new NewUser(other, email, firstName, lastName, passwordHash, active, apiKey, ipAddress, createdAt);
    }

    public NewUser withApiKey(ApiKey other) {
        return new NewUser(username, email, firstName, lastName, passwordHash, active, other, ipAddress, createdAt);
    }
}
