package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openml.auth.core.domain.UserId;

/** The rows of a token table of OpenML's Next.js app: plaintext tokens, SQL or text times ({@link NextjsTables}). */
final class NextjsTokenRows {
    private NextjsTokenRows() {}

    /**
     * One row. A row without a readable expiry counts as expired (at the epoch): a link whose age
     * cannot be told is not honoured.
     */
    record Row(long id, UserId userId, String token, Instant expiresAt, Optional<Instant> createdAt, boolean used) {}

    static List<Row> all(Handle h, String table, boolean hasUsed) {
        return after(h, table, hasUsed, Long.MIN_VALUE);
    }

    /** The rows with an id above {@code id}, in id order: what the app added since a look. */
    static List<Row> after(Handle h, String table, boolean hasUsed, long id) {
        return h.createQuery(select(table, hasUsed) + " WHERE id > :id ORDER BY id").bind("id", id)
                .map((rs, ctx) -> row(rs, hasUsed)).list();
    }

    /** The row {@code id} as it is now (the app may have marked it used, or deleted it). */
    static Optional<Row> byId(Handle h, String table, boolean hasUsed, long id) {
        return h.createQuery(select(table, hasUsed) + " WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs, hasUsed)).findOne();
    }

    private static String select(String table, boolean hasUsed) {
        return "SELECT id, user_id, token, expires_at, created_at" + (hasUsed ? ", used" : "") + " FROM " + table;
    }

    private static Row row(java.sql.ResultSet rs, boolean hasUsed) throws java.sql.SQLException {
        return new Row(rs.getLong("id"), new UserId(rs.getLong("user_id")), rs.getString("token"),
                LegacyTimes.parse(rs.getObject("expires_at")).orElse(Instant.EPOCH),
                LegacyTimes.parse(rs.getObject("created_at")),
                hasUsed && truthy(rs.getObject("used")));
    }

    /** MySQL's BOOLEAN is TINYINT(1); SQLite may hold 0/1 or, from JavaScript, 'true'/'false'. */
    private static boolean truthy(Object value) {
        if (value == null) return false;
        if (value instanceof Number n) return n.longValue() != 0;
        if (value instanceof Boolean b) return b;
        String text = value.toString().strip();
        return !(text.isEmpty() || text.equals("0") || text.equalsIgnoreCase("false"));
    }
}
