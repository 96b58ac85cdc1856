package org.openml.auth.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AccountRemovalStore;

/**
 * {@link AccountRemovalStore}: one transaction that deletes what every table holds of an account.
 * Explicit deletes rather than the foreign keys' cascades, because OpenML's {@code users} may be a
 * MyISAM table (then this server's tables have no foreign keys). {@code session_revocation} keeps
 * its row: the caller moves the cut-off first, and old cookies of the account must stay refused.
 */
final class JdbcAccountRemovalStore implements AccountRemovalStore {
    /** This server's tables that hold rows of an account, by {@code user_id}. */
    static final List<String> BELONGINGS = List.of("email_confirmation_token", "password_reset_token", "user_passkeys",
            "api_key_audit", "audit_event", "unproven_email", "email_change_token", "user_session", "account_lock");

    /** As {@link #BELONGINGS}, with this server's token tables where they are when the Next.js app's hold the names. */
    static List<String> belongings(NextjsTables nextjs) {
        List<String> tables = new java.util.ArrayList<>(BELONGINGS);
        if (nextjs.confirmationTokens()) tables.add(nextjs.confirmationTable());
        if (nextjs.resetTokens()) tables.add(nextjs.resetTable());
        return List.copyOf(tables);
    }

    /** What an anonymised row holds in each personal legacy column, where the column exists. */
    private static final Map<String, String> ANONYMOUS_ROW = anonymousRow();

    private final Jdbi jdbi;
    private final StoreEdge edge;
    private final Supplier<UsersTable> users;
    private final Supplier<NextjsTables> nextjs;

    JdbcAccountRemovalStore(Jdbi jdbi, StoreEdge edge, Supplier<UsersTable> users, Supplier<NextjsTables> nextjs) {
        this.jdbi = jdbi;
        this.edge = edge;
        this.users = users;
        this.nextjs = nextjs;
    }

    private static Map<String, String> anonymousRow() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("username", ":username");
        row.put("email", ":email");
        row.put("first_name", ":firstName");
        row.put("last_name", ":lastName");
        row.put("password", ":password");
        row.put("active", "0");
        row.put("ip_address", "'0.0.0.0'");
        row.put("activation_code", "NULL");
        row.put("forgotten_password_code", "'0000'");
        row.put("forgotten_password_time", "NULL");
        row.put("remember_code", "'0000'");
        row.put("company", "'0000'");
        row.put("phone", "'0000'");
        row.put("country", "'0000'");
        row.put("image", "'0000'");
        row.put("bio", "'No Bio'");
        row.put("external_source", "NULL");
        row.put("external_id", "NULL");
        row.put("session_hash", "NULL");
        return row;
    }

    @Override
    public boolean delete(UserId user) {
        Objects.requireNonNull(user, "user");
        return edge.call("delete an account", () -> jdbi.inTransaction(h -> {
            removeBelongings(h, user);
            h.createUpdate("DELETE FROM users_groups WHERE user_id = :id").bind("id", user.value()).execute();
            return h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", user.value()).execute() == 1;
        }));
    }

    @Override
    public boolean anonymise(UserId user, Anonymous replacement) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(replacement, "replacement");
        UsersTable table = users.get();
        List<String> columns = table.present(ANONYMOUS_ROW.keySet());
        String sql = "UPDATE users SET " + String.join(", ", columns.stream().map(c -> c + " = " + ANONYMOUS_ROW.get(c)).toList())
                + " WHERE id = :id";
        return edge.call("anonymise an account", () -> jdbi.inTransaction(h -> {
            removeBelongings(h, user);
            Update update = h.createUpdate(sql).bind("id", user.value())
                    .bind("username", replacement.username().value())
                    .bind("email", replacement.email().value())
                    .bind("firstName", replacement.firstName())
                    .bind("lastName", replacement.lastName())
                    .bind("password", replacement.password().encoded());
            return update.execute() == 1;
        }));
    }

    private void removeBelongings(Handle h, UserId user) {
        // Before the passkeys themselves: their detail rows are found through them.
        h.createUpdate("DELETE FROM " + NextjsTables.PASSKEY_DETAIL + " WHERE passkey_id IN (SELECT id FROM "
                + NextjsTables.PASSKEYS + " WHERE user_id = :id)").bind("id", user.value()).execute();
        for (String table : belongings(nextjs.get())) {
            h.createUpdate("DELETE FROM " + table + " WHERE user_id = :id").bind("id", user.value()).execute();
        }
    }
}
