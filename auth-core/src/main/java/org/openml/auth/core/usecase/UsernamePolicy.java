package org.openml.auth.core.usecase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Username;

/**
 * OpenML's two username rules, in one place (see {@code shared/reference/openml-current-system.md}):
 *
 * <ul>
 *   <li><b>Email sign-up</b> ({@link #ofEmail}): the email's local part, then {@code jdoe1},
 *       {@code jdoe2}, … Unlike OpenML, the local part is first cut down to what is safe in the
 *       legacy column and in URLs (ASCII letters, digits, {@code . _ -}): {@code o'brien+ml} becomes
 *       {@code obrienml}; nothing left gives {@code user}.</li>
 *   <li><b>Passkey and GitHub/Google sign-up</b> ({@link #ofNames}, OpenML's
 *       {@code generateUniqueUsername}): names lower-cased and cut to {@code a-z0-9}; first initial +
 *       last name ({@code jdoe}), then first + last ({@code johndoe}), then {@code jdoe1} …
 *       {@code jdoe9999}. With one name: that name, then numbered. With none: the email's local part
 *       (same alphabet), else {@code user<epoch ms>}.</li>
 * </ul>
 *
 * Every candidate fits {@link Username#MAX_LENGTH}: a base is cut so that its number still fits.
 */
final class UsernamePolicy {
    /** The highest number either rule appends (OpenML's generator stops at 9999). */
    static final int MAX_NUMBER = 9999;
    private static final int MAX_BASE = Username.MAX_LENGTH - Integer.toString(MAX_NUMBER).length();

    private UsernamePolicy() {}

    /** The candidates of one sign-up, in the order they are tried. */
    static final class Candidates {
        private final List<String> preferred;
        private final String numbered;

        private Candidates(List<String> preferred, String numbered) {
            this.preferred = preferred;
            this.numbered = numbered;
        }

        /**
         * The {@code attempt}-th candidate: the preferred ones, then the numbered base from 1.
         *
         * @throws IllegalStateException past the last one (number {@value #MAX_NUMBER})
         */
        Username get(int attempt) {
            if (attempt < preferred.size()) return new Username(preferred.get(attempt));
            int number = attempt - preferred.size() + 1;
            if (number > MAX_NUMBER) {
                throw new IllegalStateException("no free username after " + MAX_NUMBER + " numbered candidates");
            }
            return new Username(numbered + number);
        }
    }

    /** Email sign-up: the local part, then numbered. */
    static Candidates ofEmail(Email email) {
        StringBuilder out = new StringBuilder();
        for (char c : email.localPart().toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                out.append(c);
            }
        }
        String base = cut(out.toString().replaceAll("^[._-]+", ""));
        if (base.isEmpty()) base = "user";
        return new Candidates(List.of(base), base);
    }

    /** The base an email sign-up starts from (the password rules refuse a password equal to it). */
    static String emailBase(Email email) {
        return ofEmail(email).get(0).value();
    }

    /** Passkey and GitHub/Google sign-up: from the names, else the email, else {@code user<epoch ms>}. */
    static Candidates ofNames(String firstName, String lastName, Email email, Instant now) {
        String first = sanitise(firstName);
        String last = sanitise(lastName);
        List<String> preferred = new ArrayList<>();
        if (!first.isEmpty() && !last.isEmpty()) {
            preferred.add(cut(first.charAt(0) + last));
            String full = cut(first + last);
            if (!preferred.contains(full)) preferred.add(full);
        } else if (!first.isEmpty() || !last.isEmpty()) {
            preferred.add(cut(first.isEmpty() ? last : first));
        } else {
            String local = sanitise(email.localPart());
            preferred.add(cut(local.isEmpty() ? "user" + now.toEpochMilli() : local));
        }
        return new Candidates(List.copyOf(preferred), preferred.get(0));
    }

    static String sanitise(String text) {
        if (text == null) return "";
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String cut(String s) {
        return s.length() > MAX_BASE ? s.substring(0, MAX_BASE) : s;
    }
}
