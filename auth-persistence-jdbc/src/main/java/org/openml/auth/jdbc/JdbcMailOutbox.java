package org.openml.auth.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.port.out.MailOutbox;

/**
 * {@link MailOutbox} on {@code mail_outbox}; times are epoch milliseconds. A claim reads the due
 * rows, then moves each one's {@code next_attempt_at} past the lease with a compare-and-set on its
 * old value: a row two nodes read at once is claimed by exactly one of them, with no lock held
 * between the statements, on SQLite and MySQL alike.
 */
final class JdbcMailOutbox implements MailOutbox {
    private static final String INSERT = "INSERT INTO mail_outbox (payload, created_at, next_attempt_at, attempts)"
            + " VALUES (:payload, :now, :now, 0)";
    private static final String DUE = "SELECT id, payload, attempts, created_at, next_attempt_at FROM mail_outbox"
            + " WHERE next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :limit";
    private static final String CLAIM = "UPDATE mail_outbox SET next_attempt_at = :leaseEnd WHERE id = :id AND next_attempt_at = :seen";
    private static final String DELETE = "DELETE FROM mail_outbox WHERE id = :id";
    private static final String RETRY = "UPDATE mail_outbox SET attempts = :attempts, next_attempt_at = :retryAt, last_error = :error"
            + " WHERE id = :id";
    private static final String BACKLOG = "SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM mail_outbox";

    private final Jdbi jdbi;
    private final StoreEdge edge;

    JdbcMailOutbox(Jdbi jdbi, StoreEdge edge) {
        this.jdbi = jdbi;
        this.edge = edge;
    }

    private record Row(long id, String payload, int attempts, long createdAt, long nextAttemptAt) {}

    @Override
    public void add(String payload, Instant now) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(now, "now");
        edge.run("queue a mail", () -> jdbi.useHandle(h -> h.createUpdate(INSERT).bind("payload", payload)
                .bind("now", now.toEpochMilli()).execute()));
    }

    @Override
    public List<Queued> claimDue(Instant now, Duration lease, int limit) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        return edge.call("claim queued mails", () -> jdbi.withHandle(h -> {
            List<Row> due = h.createQuery(DUE).bind("now", now.toEpochMilli()).bind("limit", limit)
                    .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("payload"), rs.getInt("attempts"),
                            rs.getLong("created_at"), rs.getLong("next_attempt_at"))).list();
            List<Queued> claimed = new ArrayList<>();
            long leaseEnd = now.plus(lease).toEpochMilli();
            for (Row row : due) {
                int won = h.createUpdate(CLAIM).bind("leaseEnd", leaseEnd).bind("id", row.id()).bind("seen", row.nextAttemptAt())
                        .execute();
                if (won == 1) claimed.add(new Queued(row.id(), row.payload(), row.attempts(), Instant.ofEpochMilli(row.createdAt())));
            }
            return claimed;
        }));
    }

    @Override
    public void remove(long id) {
        edge.run("remove a sent mail", () -> jdbi.useHandle(h -> h.createUpdate(DELETE).bind("id", id).execute()));
    }

    @Override
    public void retryLater(long id, int attempts, Instant retryAt, String error) {
        Objects.requireNonNull(retryAt, "retryAt");
        String cut = error == null ? null : error.length() > 255 ? error.substring(0, 255) : error;
        edge.run("reschedule a mail", () -> jdbi.useHandle(h -> h.createUpdate(RETRY).bind("attempts", attempts)
                .bind("retryAt", retryAt.toEpochMilli()).bind("error", cut).bind("id", id).execute()));
    }

    @Override
    public Backlog backlog() {
        return edge.call("count queued mails", () -> jdbi.withHandle(h -> h.createQuery(BACKLOG).map((rs, ctx) -> {
            long depth = rs.getLong("depth");
            long oldest = rs.getLong("oldest");
            boolean none = rs.wasNull() || depth == 0;
            return none ? Backlog.EMPTY : new Backlog(depth, Optional.of(Instant.ofEpochMilli(oldest)));
        }).one()));
    }
}
