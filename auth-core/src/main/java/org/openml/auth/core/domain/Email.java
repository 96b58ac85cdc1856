package org.openml.auth.core.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * An email address as the user typed it, trimmed. Two emails that differ only in case are the
 * same account: compare with {@link #canonical()}, never with {@link #value()}.
 */
public record Email(String value) {
    /** The legacy column is {@code varchar(254)}, also the RFC 5321 path limit. */
    public static final int MAX_LENGTH = 254;

    public Email {
        if (value == null) throw new IllegalArgumentException("email is required");
        value = value.strip();
        if (value.length() > MAX_LENGTH || !hasShape(value)) {
            throw new IllegalArgumentException("not a valid email address");
        }
    }

    /**
     * The shape OpenML's front end checks ({@code x@y.z}, no spaces), plus no control characters:
     * exactly one {@code @}, something before it, and a dot after it with something on both sides;
     * no ASCII whitespace ({@code \s}) or control character ({@code \p{Cntrl}}) anywhere. Written
     * out rather than as a regular expression because every API-key request reads an email.
     */
    static boolean hasShape(String value) {
        int at = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7F) return false; // controls and ASCII whitespace all sit at or below the space
            if (c == '@') {
                if (at >= 0) return false;
                at = i;
            }
        }
        if (at < 1) return false;
        // The first dot with a character between it and the @ must have one after it too: a later
        // dot could only be the last character as well.
        int dot = value.indexOf('.', at + 2);
        return dot >= 0 && dot < value.length() - 1;
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
