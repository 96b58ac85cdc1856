package org.openml.auth.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What an {@code AttemptLimiter} counts under: the SHA-256 (64 lowercase hex) of a limit's name and
 * its subject (an IP address, a normalised email). Only the hash is stored, so the table of counters
 * holds no addresses or emails in clear.
 */
public record AttemptKey(String hex) {
    public AttemptKey {
        Objects.requireNonNull(hex, "hex");
        if (!hex.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("an attempt key is 64 lowercase hex characters");
    }

    /** The key of {@code subject} under the limit named {@code limit} (e.g. {@code "ip.sign-in"}, {@code "10.0.0.1"}). */
    public static AttemptKey of(String limit, String subject) {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(subject, "subject");
        if (limit.isEmpty() || limit.indexOf('\n') >= 0) throw new IllegalArgumentException("limit names are one non-empty line");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((limit + "\n" + subject).getBytes(StandardCharsets.UTF_8));
            return new AttemptKey(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
