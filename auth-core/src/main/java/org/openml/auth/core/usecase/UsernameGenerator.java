package org.openml.auth.core.usecase;

import java.util.function.Predicate;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Username;

/**
 * Usernames for email sign-up, as OpenML makes them: the email's local part, then {@code 1},
 * {@code 2}, … when taken. Unlike OpenML, the local part is first cut down to what is safe in
 * the legacy column and in URLs (ASCII letters, digits, {@code . _ -}), so {@code o'brien+ml}
 * becomes {@code obrienml}.
 */
final class UsernameGenerator {
    static final int MAX_ATTEMPTS = 10_000;

    private UsernameGenerator() {}

    static String base(Email email) {
        StringBuilder out = new StringBuilder();
        for (char c : email.localPart().toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                out.append(c);
            }
        }
        String base = out.toString().replaceAll("^[._-]+", "");
        return base.isEmpty() ? "user" : base;
    }

    /** The {@code attempt}-th candidate: {@code base}, then {@code base1}, {@code base2}, … within 100 characters. */
    static Username candidate(String base, int attempt) {
        String suffix = attempt == 0 ? "" : Integer.toString(attempt);
        int room = Username.MAX_LENGTH - suffix.length();
        return new Username((base.length() > room ? base.substring(0, room) : base) + suffix);
    }

    /** The index of the first candidate not taken, starting at {@code fromAttempt}. */
    static int firstFreeAttempt(String base, int fromAttempt, Predicate<Username> taken) {
        for (int attempt = fromAttempt; attempt < MAX_ATTEMPTS; attempt++) {
            if (!taken.test(candidate(base, attempt))) return attempt;
        }
        throw new IllegalStateException("no free username for this email after " + MAX_ATTEMPTS + " attempts");
    }
}
