package org.openml.auth.core.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Username;

/**
 * Usernames for passkey (and federated) sign-ups, as OpenML's {@code generateUniqueUsername}
 * makes them: names lower-cased and cut down to {@code a-z0-9}; first initial + last name
 * ({@code jdoe}), then first + last name ({@code johndoe}), then {@code jdoe1}, {@code jdoe2}, …
 * With one usable name, that name then numbered; with none, the sanitised email local part, else
 * {@code user}.
 */
final class NameUsernames {
    private NameUsernames() {}

    /** The base candidates in order, before numbering, and the base that gets numbered (the first). */
    static List<String> bases(String firstName, String lastName, Email email) {
        String first = sanitise(firstName);
        String last = sanitise(lastName);
        List<String> bases = new ArrayList<>();
        if (!first.isEmpty() && !last.isEmpty()) {
            bases.add(first.charAt(0) + last);
            bases.add(first + last);
        } else if (!first.isEmpty() || !last.isEmpty()) {
            bases.add(first.isEmpty() ? last : first);
        } else {
            String local = sanitise(email.localPart());
            bases.add(local.isEmpty() ? "user" : local);
        }
        return bases;
    }

    /**
     * The {@code attempt}-th candidate: the bases in order, then the first base numbered from 1.
     *
     * @throws IllegalStateException past the last candidate OpenML would try (9999)
     */
    static Username candidate(List<String> bases, int attempt) {
        if (attempt < bases.size()) return UsernameGenerator.candidate(bases.get(attempt), 0);
        int number = attempt - bases.size() + 1;
        if (number > 9999) throw new IllegalStateException("no free username after 9999 numbered candidates");
        return UsernameGenerator.candidate(bases.get(0), number);
    }

    static String sanitise(String name) {
        if (name == null) return "";
        StringBuilder out = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.append(c);
        }
        return out.toString();
    }
}
