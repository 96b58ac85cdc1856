package org.openml.auth.core.domain;

import java.nio.charset.StandardCharsets;

/** A password as the user typed it. Never logged, never stored. */
public record RawPassword(String value) {
    public RawPassword {
        if (value == null) throw new IllegalArgumentException("password is required");
    }

    public byte[] utf8() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Length in Unicode code points, the unit the minimum-length rule counts. */
    public int codePoints() {
        return value.codePointCount(0, value.length());
    }

    @Override
    public String toString() {
        return "RawPassword[redacted]";
    }
}
