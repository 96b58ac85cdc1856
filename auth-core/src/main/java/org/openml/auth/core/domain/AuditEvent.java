package org.openml.auth.core.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an account's security history: what happened, to whom, when, from which client
 * address, by which method, and whether it worked. Holds no secrets: never a password, token,
 * key or user agent; {@code detail} is a short label such as a passkey's name or a provider.
 *
 * @param userId the account it happened to
 * @param type what happened
 * @param method how the user proved who they were (or which way the change came)
 * @param outcome whether it worked
 * @param at when, to the millisecond (what the SQL stores keep)
 * @param ipAddress the client address, at most 45 characters (an IPv6 text form); "unknown" when none
 * @param detail a short label (at most {@link #MAX_DETAIL_LENGTH} characters, no control characters)
 */
public record AuditEvent(UserId userId, Type type, Method method, Outcome outcome, Instant at, String ipAddress,
        Optional<String> detail) {

    /** Longest {@link #ipAddress()}: an IPv6 address with an embedded IPv4 one. */
    public static final int MAX_IP_LENGTH = 45;
    /** Longest {@link #detail()}, in characters; longer ones are cut. */
    public static final int MAX_DETAIL_LENGTH = 100;

    public AuditEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
        at = Instant.ofEpochMilli(at.toEpochMilli());
        ipAddress = cleanIp(ipAddress);
        detail = detail.map(AuditEvent::cleanDetail).filter(d -> !d.isEmpty());
    }

    /** What happened. {@link #code()} is the stable name stored and shown in the JSON answer. */
    public enum Type {
        /** A sign-in attempt (success or failure) by any method. */
        SIGN_IN,
        /** Too many failed attempts: the account is temporarily locked (recorded by the rate limiter). */
        LOCKED_OUT,
        /** The password was set with a reset link. */
        PASSWORD_RESET,
        /** The address was confirmed with the mailed link. */
        EMAIL_CONFIRMED,
        /** The personal API key was replaced. */
        API_KEY_REGENERATED,
        PASSKEY_ADDED,
        PASSKEY_REMOVED,
        PASSKEY_RENAMED,
        /** The account was linked to a GitHub or Google account ({@code detail} names the provider). */
        ACCOUNT_LINKED,
        /** The account was created (by password sign-up, passkey sign-up, GitHub or Google). */
        ACCOUNT_CREATED,
        /**
         * The owner proved an address nobody had proven (GitHub/Google, or a password reset): the
         * passkeys, password, sessions, API key and links someone else may have set up were removed.
         */
        ACCOUNT_RECLAIMED,
        /** The owner ended every session of the account ("sign out everywhere"). */
        SIGNED_OUT_EVERYWHERE,
        /** The owner changed (or, for an account without one, set) the password on the account page. */
        PASSWORD_CHANGED,
        /** The owner changed their first or last name. */
        NAME_CHANGED,
        /** The owner removed the link to a GitHub or Google account ({@code detail} names the provider). */
        ACCOUNT_UNLINKED,
        /**
         * The owner deleted an account that has uploads: it was anonymised (names, address, username,
         * password, passkeys, key, links and sessions removed) so the uploads keep their uploader id.
         */
        ACCOUNT_ANONYMISED,
        /** The owner proved a new address and it replaced the old one. */
        EMAIL_CHANGED,
        /** The undo link mailed to the old address put it back (every session ended, the password must be reset). */
        EMAIL_CHANGE_REVERTED,
        /** The owner signed one device out ({@code detail} its label). */
        SESSION_ENDED,
        /**
         * An operator or an admin acted on the account: {@code detail} says what and who, e.g.
         * "confirm by admin 7", "revoke-sessions by operator".
         */
        ADMIN_ACTION;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type with this {@link #code()}; empty for codes of another version. */
        public static Optional<Type> ofCode(String code) {
            return fromCode(Type.class, code);
        }
    }

    /** How: the credential used, or the way a change came. */
    public enum Method {
        PASSWORD,
        PASSKEY,
        GITHUB,
        GOOGLE,
        /** A link mailed to the account's address (confirmation, password reset). */
        EMAIL_LINK,
        /** An already signed-in session (cookie or Bearer). */
        SESSION;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Method> ofCode(String code) {
            return fromCode(Method.class, code);
        }

        /** The method of an OAuth provider id ({@code github}, {@code google}); empty for others. */
        public static Optional<Method> ofProvider(String provider) {
            return ofCode(provider).filter(m -> m == GITHUB || m == GOOGLE);
        }
    }

    public enum Outcome {
        SUCCESS,
        FAILURE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Outcome> ofCode(String code) {
            return fromCode(Outcome.class, code);
        }
    }

    private static <E extends Enum<E>> Optional<E> fromCode(Class<E> kind, String code) {
        if (code == null) return Optional.empty();
        for (E e : kind.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(code)) return Optional.of(e);
        }
        return Optional.empty();
    }

    private static String cleanIp(String ip) {
        if (ip == null || ip.isBlank()) return "unknown";
        StringBuilder out = new StringBuilder();
        ip.strip().codePoints().filter(cp -> cp > 0x20 && cp < 0x7F).limit(MAX_IP_LENGTH).forEach(out::appendCodePoint);
        return out.length() == 0 ? "unknown" : out.toString();
    }

    /** Control and format characters become spaces, runs of white space collapse, long labels are cut. */
    private static String cleanDetail(String raw) {
        StringBuilder out = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.SURROGATE) {
                space = out.length() > 0;
                continue;
            }
            if (space) out.append(' ');
            space = false;
            if (out.length() + Character.charCount(cp) > MAX_DETAIL_LENGTH) break;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
