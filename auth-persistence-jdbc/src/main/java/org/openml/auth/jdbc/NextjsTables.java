package org.openml.auth.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which of the tables OpenML's Next.js sign-in app made are in the database, in its shapes, and
 * so adopted in place rather than refused.
 *
 * <ul>
 *   <li>{@code user_passkeys}: shared with the Next.js app, so both can run on one database during a
 *       cut-over. This server reads and writes it the Next.js way (credential ids as the bytes of
 *       their base64url text, {@code DATETIME} times) and keeps what the Next.js shape has no
 *       column for (user handle, backup flags) in its own {@code auth_passkey_detail}.</li>
 *   <li>{@code email_confirmation_token}, {@code password_reset_token}: plaintext tokens with
 *       {@code DATETIME} times. This server issues its own (hashed) tokens into
 *       {@code auth_email_confirmation_token} / {@code auth_password_reset_token} instead, and
 *       redeems a plaintext one found in the Next.js table once, removing it
 *       ({@link JdbcOneTimeTokenStore}).</li>
 * </ul>
 *
 * A table is the Next.js app's when it has the Next.js columns but not this server's: a time
 * column that is not an integer (epoch milliseconds here), or, for passkeys, no
 * {@code user_handle} column.
 */
record NextjsTables(boolean passkeys, boolean confirmationTokens, boolean resetTokens) {
    static final NextjsTables NONE = new NextjsTables(false, false, false);

    static final String CONFIRMATION = "email_confirmation_token";
    static final String RESET = "password_reset_token";
    static final String PASSKEYS = "user_passkeys";
    /** This server's own token tables, when the Next.js app's hold the usual names. */
    static final String OWN_CONFIRMATION = "auth_" + CONFIRMATION;
    static final String OWN_RESET = "auth_" + RESET;
    /** What the Next.js {@code user_passkeys} has no column for. */
    static final String PASSKEY_DETAIL = "auth_passkey_detail";

    private static final Map<String, List<String>> NEXTJS_COLUMNS = Map.of(
            CONFIRMATION, List.of("id", "user_id", "token", "expires_at", "created_at"),
            RESET, List.of("id", "user_id", "token", "expires_at", "created_at", "used", "used_at"),
            PASSKEYS, List.of("id", "user_id", "credential_id", "public_key", "sign_count", "transports", "device_name",
                    "created_at", "last_used_at"));
    private static final Set<String> TIME_COLUMNS = Set.of("expires_at", "created_at", "used_at", "last_used_at");

    /**
     * Reads the layout from the tables' columns: table name to (column name to declared type, e.g.
     * {@code bigint}, {@code datetime}, SQLite's {@code INTEGER}); absent tables are left out.
     */
    static NextjsTables detect(Map<String, Map<String, String>> columnTypes) {
        return new NextjsTables(isNextjs(columnTypes, PASSKEYS), isNextjs(columnTypes, CONFIRMATION),
                isNextjs(columnTypes, RESET));
    }

    private static boolean isNextjs(Map<String, Map<String, String>> all, String table) {
        Map<String, String> columns = all.get(table);
        if (columns == null || !columns.keySet().containsAll(NEXTJS_COLUMNS.get(table))) return false;
        if (table.equals(PASSKEYS) && !columns.containsKey("user_handle")) return true;
        return TIME_COLUMNS.stream().filter(columns::containsKey)
                .anyMatch(c -> !columns.get(c).toLowerCase(Locale.ROOT).contains("int"));
    }

    boolean any() {
        return passkeys || confirmationTokens || resetTokens;
    }

    /** Where this server keeps its confirmation tokens. */
    String confirmationTable() {
        return confirmationTokens ? OWN_CONFIRMATION : CONFIRMATION;
    }

    /** Where this server keeps its reset tokens. */
    String resetTable() {
        return resetTokens ? OWN_RESET : RESET;
    }

    /** The schema script with this server's token tables renamed where the Next.js app's hold the names. */
    String rename(String sql) {
        String out = sql;
        if (confirmationTokens) out = out.replace(CONFIRMATION, OWN_CONFIRMATION);
        if (resetTokens) out = out.replace(RESET, OWN_RESET);
        return out;
    }

    /** The Next.js tables adopted, for logs: {@code [user_passkeys, email_confirmation_token]}. */
    List<String> adopted() {
        Map<String, Boolean> all = new LinkedHashMap<>();
        all.put(PASSKEYS, passkeys);
        all.put(CONFIRMATION, confirmationTokens);
        all.put(RESET, resetTokens);
        return all.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }
}
