package org.openml.auth.core.domain;

/** A user's id: OpenML's {@code users.id}, a positive integer. */
public record UserId(long value) {
    public UserId {
        if (value <= 0) throw new IllegalArgumentException("user id must be positive");
    }

    /** Parses the decimal form used in session claims ({@code sub}, {@code userId}). */
    public static UserId parse(String text) {
        try {
            return new UserId(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("user id must be a positive integer");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
