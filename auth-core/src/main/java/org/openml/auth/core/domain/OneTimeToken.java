package org.openml.auth.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A one-time token as mailed to the user: 32 random bytes as 64 lowercase hex. Stores keep only
 * its {@link #hash()}, so a leaked database cannot be used to confirm or reset anything.
 */
public record OneTimeToken(String value) {
    public static final int BYTES = 32;

    public OneTimeToken {
        if (value == null || value.length() != BYTES * 2 || !value.chars().allMatch(OneTimeToken::isLowerHex)) {
            throw new IllegalArgumentException("token must be 64 lowercase hex characters");
        }
    }

    public static OneTimeToken fromRandomBytes(byte[] bytes) {
        if (bytes.length != BYTES) throw new IllegalArgumentException("need 32 bytes");
        return new OneTimeToken(HexFormat.of().formatHex(bytes));
    }

    /** Whether {@code text} has the shape of a token; lets callers refuse junk before any I/O. */
    public static boolean isWellFormed(String text) {
        return text != null && text.length() == BYTES * 2 && text.chars().allMatch(OneTimeToken::isLowerHex);
    }

    public TokenHash hash() {
        return TokenHash.of(value);
    }

    private static boolean isLowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    @Override
    public String toString() {
        return "OneTimeToken[redacted]";
    }

    /** SHA-256 of a token, 64 lowercase hex: what the token tables hold. */
    public record TokenHash(String hex) {
        public TokenHash {
            if (hex == null || hex.length() != 64) throw new IllegalArgumentException("token hash must be 64 hex characters");
        }

        static TokenHash of(String token) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
                return new TokenHash(HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        /** Constant-time comparison, for stores that compare in memory. */
        public boolean matches(TokenHash other) {
            return MessageDigest.isEqual(hex.getBytes(StandardCharsets.US_ASCII), other.hex.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
