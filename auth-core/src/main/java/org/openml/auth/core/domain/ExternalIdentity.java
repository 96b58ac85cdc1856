package org.openml.auth.core.domain;

import java.util.regex.Pattern;

/**
 * An account at a sign-in provider: OpenML's {@code users.external_source} (the provider id,
 * {@code github} or {@code google}) and {@code users.external_id} (GitHub's numeric user id, or
 * Google's {@code sub}), both {@code varchar(50)}.
 */
public record ExternalIdentity(String provider, String subject) {
    public static final int MAX_LENGTH = 50;
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

    public ExternalIdentity {
        if (provider == null || !PROVIDER.matcher(provider).matches()) {
            throw new IllegalArgumentException("provider must be 1 to 50 lowercase letters, digits, '-' or '_'");
        }
        if (subject == null || subject.isEmpty() || subject.length() > MAX_LENGTH
                || !subject.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("subject must be 1 to 50 visible ASCII characters");
        }
    }
}
