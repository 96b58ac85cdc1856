package org.openml.auth.core.usecase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Username;

/**
 * Usernames for accounts made from a provider profile, as OpenML's {@code generateUniqueUsername}
 * makes them: names lower-cased and cut to {@code a-z0-9}; first initial + last name
 * ({@code jdoe}), then first + last ({@code johndoe}), then {@code jdoe1} … {@code jdoe9999}. With
 * one name: that name, then numbered. With none: the email's local part (same alphabet), else
 * {@code user<epoch ms>}.
 */
final class ProfileUsernames {
    static final int MAX_NUMBER = 9999;
    private static final int MAX_BASE = Username.MAX_LENGTH - 4;

    private ProfileUsernames() {}

    /** The first candidate {@code taken} says is free; empty when all are taken. */
    static Optional<Username> firstFree(String firstName, String lastName, Optional<Email> email, Instant now,
            Predicate<Username> taken) {
        for (Username candidate : candidates(firstName, lastName, email, now)) {
            if (!taken.test(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** Every candidate in order (at most two named ones, then up to 9999 numbered). */
    static List<Username> candidates(String firstName, String lastName, Optional<Email> email, Instant now) {
        String first = sanitise(firstName);
        String last = sanitise(lastName);
        List<String> preferred = new ArrayList<>();
        String numbered;
        if (!first.isEmpty() && !last.isEmpty()) {
            numbered = cut(first.charAt(0) + last);
            preferred.add(numbered);
            preferred.add(cut(first + last));
        } else if (!first.isEmpty() || !last.isEmpty()) {
            numbered = cut(first.isEmpty() ? last : first);
            preferred.add(numbered);
        } else {
            String local = email.map(e -> sanitise(e.localPart())).orElse("");
            numbered = cut(local.isEmpty() ? "user" + now.toEpochMilli() : local);
            preferred.add(numbered);
        }
        List<Username> out = new ArrayList<>();
        for (String p : preferred) {
            Username u = new Username(p);
            if (!out.contains(u)) out.add(u);
        }
        for (int n = 1; n <= MAX_NUMBER; n++) out.add(new Username(numbered + n));
        return out;
    }

    static String sanitise(String text) {
        if (text == null) return "";
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String cut(String s) {
        return s.length() > MAX_BASE ? s.substring(0, MAX_BASE) : s;
    }
}
