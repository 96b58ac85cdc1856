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
        return h.createQuery("SELECT id, user_id, token, expires_at, created_at" + (hasUsed ? ", used" : "") + " FROM " + table)
                .map((rs, ctx) -> new Row(rs.getLong("id"), new UserId(rs.getLong("user_id")), rs.getString("token"),
                        LegacyTimes.parse(rs.getObject("expires_at")).orElse(Instant.EPOCH),
                        LegacyTimes.parse(rs.getObject("created_at")),
                        hasUsed && truthy(rs.getObject("used"))))
                .list();
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
