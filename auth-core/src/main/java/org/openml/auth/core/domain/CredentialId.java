package org.openml.auth.core.domain;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A WebAuthn credential id: the raw bytes an authenticator chose (1 to 1023 bytes). Browsers and
 * JSON carry it as base64url without padding; {@link #base64Url()} gives that form.
 */
public final class CredentialId {
    public static final int MAX_BYTES = 1023;

    private final byte[] bytes;

    private CredentialId(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("credential id must be 1 to 1023 bytes");
        }
        this.bytes = bytes;
    }

    /** The id made of these raw bytes (copied). */
    public static CredentialId of(byte[] raw) {
        return new CredentialId(raw == null ? null : raw.clone());
    }

    /** The id whose base64url form (padding optional) is {@code text}; empty when it is not base64url. */
    public static Optional<CredentialId> fromBase64Url(String text) {
        if (text == null || text.isEmpty()) return Optional.empty();
        try {
            byte[] raw = Base64.getUrlDecoder().decode(text);
            return raw.length == 0 || raw.length > MAX_BYTES ? Optional.empty() : Optional.of(new CredentialId(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A copy of the raw bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** base64url without padding, as WebAuthn JSON carries it. */
    public String base64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Not a secret (the browser shows it to any page of the RP), but kept short in logs. */
    @Override
    public String toString() {
        String b64 = base64Url();
        return "CredentialId[" + (b64.length() > 12 ? b64.substring(0, 12) + "…" : b64) + "]";
    }
}
