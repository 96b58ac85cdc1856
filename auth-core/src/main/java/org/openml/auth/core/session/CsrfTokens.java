package org.openml.auth.core.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.openml.auth.core.port.out.RandomSource;

/**
 * NextAuth v4's double-submit CSRF tokens: the cookie holds {@code token|sha256hex(token + secret)},
 * the form or header repeats {@code token}. The hash proves this server set the cookie; the
 * repeat proves the request came from a page that could read it.
 */
public final class CsrfTokens {
    private final byte[] secret;
    private final RandomSource random;

    public CsrfTokens(String secret, RandomSource random) {
        if (secret == null || secret.isEmpty()) throw new IllegalArgumentException("secret is required");
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.random = random;
    }

    /** A fresh token and the cookie value that vouches for it. */
    public Issued issue() {
        String token = HexFormat.of().formatHex(random.bytes(32));
        return new Issued(token, token + "|" + hashHex(token));
    }

    /** The token a cookie value vouches for, if the cookie was set by this server (this secret). */
    public Optional<String> tokenFromCookie(String cookieValue) {
        if (cookieValue == null) return Optional.empty();
        String value = cookieValue.replace("%7C", "|").replace("%7c", "|");
        int bar = value.indexOf('|');
        if (bar <= 0 || bar > 256) return Optional.empty();
        String token = value.substring(0, bar);
        String hash = value.substring(bar + 1);
        boolean genuine = MessageDigest.isEqual(hashHex(token).getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
        return genuine ? Optional.of(token) : Optional.empty();
    }

    /** Whether {@code submitted} is the token a genuine {@code cookieValue} holds. */
    public boolean verify(String cookieValue, String submitted) {
        if (submitted == null || submitted.isEmpty()) return false;
        return tokenFromCookie(cookieValue)
                .map(token -> MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private String hashHex(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(token.getBytes(StandardCharsets.UTF_8));
            sha.update(secret);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A token and its cookie value. */
    public record Issued(String token, String cookieValue) {
        @Override
        public String toString() {
            return "CsrfTokens.Issued[redacted]";
        }
    }
}
