package org.openml.auth.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an account is signed in: one session, as the server keeps it so the owner can see it and
 * sign that one device out.
 *
 * @param id         the session JWT's {@code jti}, kept across refreshes
 * @param signedInAt when its sign-in happened
 * @param lastSeenAt when it was last used (written at most once a minute)
 * @param method     how it signed in ({@code password}, {@code passkey}, {@code github}, {@code google}; {@code ""} unknown)
 * @param ipAddress  the client address it was first seen from
 * @param device     a short label from its User-Agent, e.g. "Firefox on Linux"
 * @param endedAt    when the owner signed it out; empty while it lives
 */
public record DeviceSession(String id, UserId userId, Instant signedInAt, Instant lastSeenAt, String method, String ipAddress,
        String device, Optional<Instant> endedAt) {
    public static final int MAX_ID_LENGTH = 36;
    public static final int MAX_DEVICE_LENGTH = 100;
    public static final int MAX_IP_LENGTH = 45;

    public DeviceSession {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) throw new IllegalArgumentException("session id must be 1 to 36 characters");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(signedInAt, "signedInAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        method = Objects.requireNonNullElse(method, "");
        ipAddress = clean(ipAddress, MAX_IP_LENGTH);
        device = clean(device, MAX_DEVICE_LENGTH);
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** Printable ASCII only (it comes from request headers), cut to the column. */
    private static String clean(String text, int max) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder();
        text.strip().codePoints().filter(cp -> cp >= 0x20 && cp < 0x7F).limit(max).forEach(out::appendCodePoint);
        return out.toString();
    }
}
