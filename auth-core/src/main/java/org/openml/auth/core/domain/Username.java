package org.openml.auth.core.domain;

/**
 * A username as OpenML stores it ({@code users.username varchar(100)}, latin1). Legacy
 * usernames are full email addresses, so {@code @} and {@code .} are allowed; whitespace and
 * control characters are not.
 */
public record Username(String value) {
    public static final int MAX_LENGTH = 100;

    public Username {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("username must be 1 to 100 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("username may hold only visible latin1 characters");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
