package org.openml.auth.core.domain;

import java.util.HexFormat;
import java.util.Optional;

/**
 * A personal API key: 32 lowercase hex characters, the format every OpenML client and the
 * legacy {@code users.session_hash varchar(40) UNIQUE} column expect.
 */
public record ApiKey(String value) {
    public static final int LENGTH = 32;

    public ApiKey {
        if (!isWellFormed(value)) throw new IllegalArgumentException("API key must be 32 lowercase hex characters");
    }

    /** A key made of 16 random bytes. */
    public static ApiKey fromRandomBytes(byte[] sixteenBytes) {
        if (sixteenBytes.length != LENGTH / 2) throw new IllegalArgumentException("need 16 bytes");
        return new ApiKey(HexFormat.of().formatHex(sixteenBytes));
    }

    /**
     * Reads a key a client presented: surrounding whitespace is trimmed (a trailing newline from a
     * config file is a classic), anything else malformed is refused without touching a store.
     */
    public static Optional<ApiKey> parsePresented(String presented) {
        if (presented == null) return Optional.empty();
        String trimmed = presented.strip();
        return isWellFormed(trimmed) ? Optional.of(new ApiKey(trimmed)) : Optional.empty();
    }

    private static boolean isWellFormed(String s) {
        if (s == null || s.length() != LENGTH) return false;
        for (int i = 0; i < LENGTH; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }

    /** The last four characters, the most a log may show. */
    public String lastFour() {
        return value.substring(LENGTH - 4);
    }

    @Override
    public String toString() {
        return "ApiKey[…" + lastFour() + "]";
    }
}
