package org.openml.auth.jdbc;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code users} table as the database holds it: which of OpenML's legacy columns exist and
 * what text each can hold. The stores read and write only the columns found here, so a database
 * that lacks an optional column loses the feature that needs it, not every sign-up.
 *
 * @param columns  the columns present (lower case), each with the character set of its text
 * @param keyIndexes which unique index of {@code users} guards which unique value, by index name
 */
record UsersTable(Map<String, TextColumn> columns, Map<String, UniqueKey> keyIndexes) {

    /** Without these the stores cannot work at all: start-up fails when one is missing. */
    static final List<String> REQUIRED = List.of("id", "username", "password", "email", "active", "created_on");

    /** Every column of OpenML's legacy {@code users} table, in its order (shared/fixtures/openml-legacy.sql). */
    static final List<String> LEGACY = List.of("id", "ip_address", "username", "password", "email",
            "activation_selector", "activation_code", "forgotten_password_selector", "forgotten_password_code",
            "forgotten_password_time", "remember_selector", "remember_code", "created_on", "last_login", "active",
            "first_name", "last_name", "company", "phone", "country", "image", "bio", "core", "external_source",
            "external_id", "session_hash", "session_hash_date", "gamification_visibility");

    /** An API key is 32 hex characters; a shorter {@code session_hash} cannot hold one. */
    static final int API_KEY_LENGTH = 32;

    UsersTable {
        columns = Map.copyOf(columns);
        keyIndexes = Map.copyOf(keyIndexes);
    }

    /** Every legacy column, holding any text: the SQLite schema this module creates itself. */
    static UsersTable complete() {
        return new UsersTable(LEGACY.stream().collect(Collectors.toMap(c -> c, c -> TextColumn.ANY_TEXT)), Map.of());
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    /**
     * API keys need {@code session_hash}, long enough for a key. {@code session_hash_date} is
     * written where it exists (OpenML's seed and the Next.js app's local {@code users} lack it).
     */
    boolean supportsApiKeys() {
        TextColumn hash = columns.get("session_hash");
        return hash != null && hash.maxLength().map(n -> n >= API_KEY_LENGTH).orElse(true);
    }

    /** Links mailed by the old PHP site confirm through {@code activation_code}. */
    boolean supportsLegacyActivation() {
        return has("activation_code");
    }

    /**
     * Whether {@code value} survives a round trip through {@code column}'s character set. A false
     * here means the database would store {@code ?} (or refuse the statement), so the caller must
     * refuse the input instead, or know that no stored row can equal it.
     */
    boolean canHold(String column, String value) {
        TextColumn c = columns.get(column);
        return c == null || value == null || c.canHold(value);
    }

    /** Features this table's columns switch off, in plain words for the start-up log and {@code doctor}. */
    List<String> featureWarnings() {
        List<String> warnings = new java.util.ArrayList<>();
        if (!supportsApiKeys()) {
            String why = has("session_hash") ? "users.session_hash is shorter than a key (" + API_KEY_LENGTH + ")"
                    : "users.session_hash is missing";
            warnings.add("API keys are off: " + why + ". New accounts get no key, and the API-key routes answer 503"
                    + " (the log names this reason).");
        }
        if (!supportsLegacyActivation()) {
            warnings.add("links mailed by OpenML's old site cannot confirm accounts (POST /api/auth/confirm answers 503):"
                    + " users.activation_code is missing");
        }
        if (!has("last_login")) warnings.add("sign-ins are not recorded: users.last_login is missing");
        return warnings;
    }

    /** "28 of 28 legacy columns", or with "(missing: …)", for the start-up log. */
    String legacyColumnSummary() {
        List<String> missing = missingLegacyColumns();
        return (LEGACY.size() - missing.size()) + " of " + LEGACY.size() + " legacy columns"
                + (missing.isEmpty() ? "" : " (missing: " + String.join(", ", missing) + ")");
    }

    /** The legacy columns this table lacks, in the legacy order. */
    List<String> missingLegacyColumns() {
        return LEGACY.stream().filter(c -> !has(c)).toList();
    }

    /** The unique value a violation of {@code index} means, if this table has such an index. */
    Optional<UniqueKey> keyOfIndex(String index) {
        return Optional.ofNullable(keyIndexes.get(index.toLowerCase(Locale.ROOT)));
    }

    /** Names of the present columns out of {@code wanted}, in the order given. */
    List<String> present(Set<String> wanted) {
        return LEGACY.stream().filter(wanted::contains).filter(this::has).toList();
    }

    /**
     * A text column's capacity. {@code charset} empty means "any text" (Unicode columns, SQLite,
     * or a character set this code does not know and so does not second-guess).
     */
    record TextColumn(Optional<Charset> charset, boolean basicMultilingualPlaneOnly, Optional<Integer> maxLength) {
        static final TextColumn ANY_TEXT = new TextColumn(Optional.empty(), false, Optional.empty());

        /**
         * The capacity of a MySQL column with character set {@code mysqlCharset} (null for
         * non-text columns). MySQL's {@code latin1} is really cp1252; ISO-8859-1 is checked,
         * the part both agree on, so what is written reads back the same in every client.
         */
        static TextColumn ofMysql(String mysqlCharset, Long maxLength) {
            Optional<Integer> max = maxLength == null || maxLength > Integer.MAX_VALUE
                    ? Optional.empty() : Optional.of(maxLength.intValue());
            if (mysqlCharset == null) return new TextColumn(Optional.empty(), false, max);
            return switch (mysqlCharset.toLowerCase(Locale.ROOT)) {
                case "latin1" -> new TextColumn(Optional.of(StandardCharsets.ISO_8859_1), false, max);
                case "ascii" -> new TextColumn(Optional.of(StandardCharsets.US_ASCII), false, max);
                case "utf8", "utf8mb3" -> new TextColumn(Optional.empty(), true, max);
                default -> new TextColumn(Optional.empty(), false, max);
            };
        }

        boolean canHold(String value) {
            if (charset.isPresent()) return charset.get().newEncoder().canEncode(value);
            if (basicMultilingualPlaneOnly) return value.codePoints().allMatch(cp -> cp <= 0xFFFF);
            return true;
        }
    }
}
