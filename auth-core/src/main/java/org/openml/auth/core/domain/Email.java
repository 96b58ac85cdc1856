package org.openml.auth.core.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as the user typed it, trimmed. Two emails that differ only in case are the
 * same account: compare with {@link #canonical()}, never with {@link #value()}.
 */
public record Email(String value) {
    /** The legacy column is {@code varchar(254)}, also the RFC 5321 path limit. */
    public static final int MAX_LENGTH = 254;
    // The same shape OpenML's front end checks (x@y.z, no spaces), plus no control characters.
    private static final Pattern SHAPE = Pattern.compile("^[^\\s@\\p{Cntrl}]+@[^\\s@\\p{Cntrl}]+\\.[^\\s@\\p{Cntrl}]+$");

    public Email {
        if (value == null) throw new IllegalArgumentException("email is required");
        value = value.strip();
        if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid email address");
        }
    }

    /** The address if it is valid, else empty; never throws. */
    public static Optional<Email> parse(String text) {
        if (text == null) return Optional.empty();
        try {
            return Optional.of(new Email(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether this is a bare address that mail software reads as itself. RFC 5322's specials
     * ({@code <>()[]\,;:"}) make {@code "<ada@example.org>"} or {@code "(x)ada@example.org"} a
     * different account from {@code ada@example.org} here, but mail to Ada there. New accounts must
     * be plain; stored legacy rows are read as they are.
     */
    public boolean isPlain() {
        return value.chars().noneMatch(c -> "<>()[]\\,;:\"".indexOf(c) >= 0);
    }

    /** The form used for equality and look-ups: lower case. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    /** The part before the last {@code @}. */
    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    /** A form safe for logs: first character and domain only ({@code j…@example.org}). */
    public String masked() {
        int at = value.lastIndexOf('@');
        return value.charAt(0) + "…" + value.substring(at);
    }

    public boolean sameAddressAs(Email other) {
        return canonical().equals(other.canonical());
    }

    @Override
    public String toString() {
        return masked();
    }
}
