package org.openml.auth.core.domain;

/**
 * A stored password hash in its encoded string form ({@code $argon2i$…}, {@code $2y$…}, 32-hex
 * MD5, or a marker such as {@code oauth_no_password} that matches no password).
 */
public record PasswordHash(String encoded) {
    public PasswordHash {
        if (encoded == null || encoded.isEmpty()) throw new IllegalArgumentException("password hash is required");
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
