package org.openml.auth.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as the stores return it. Optional fields are empty where the legacy row holds
 * NULL or one of OpenML's placeholder values ({@code "0000"}).
 */
public record User(
        UserId id,
        Username username,
        Email email,
        String firstName,
        String lastName,
        PasswordHash passwordHash,
        boolean active,
        Optional<ApiKey> apiKey,
        Optional<String> image,
        Instant createdAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        firstName = firstName == null ? "" : firstName;
        lastName = lastName == null ? "" : lastName;
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** "First Last", or the email when both names are empty (as OpenML shows it). */
    public String displayName() {
        String name = (firstName + " " + lastName).strip();
        return name.isEmpty() ? email.value() : name;
    }
}
