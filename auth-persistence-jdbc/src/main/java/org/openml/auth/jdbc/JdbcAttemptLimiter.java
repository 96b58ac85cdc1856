package org.openml.auth.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.AttemptKey;
import org.openml.auth.core.port.out.AttemptLimiter;

/**
 * {@link AttemptLimiter} on {@code auth_attempt}; times are epoch milliseconds. A hit is one upsert
 * and one read in a transaction: the upsert takes the row's write lock, so hits from any number of
 * threads and nodes are counted one after the other, each exactly once.
 */
final class JdbcAttemptLimiter implements AttemptLimiter {
    private static final String INSERT = """
            INSERT INTO auth_attempt (attempt_key, hits, last_at, window_ends_at) VALUES (:key, 1, :now, :endsAt)""";
    // hits first: both databases then read the old window_ends_at in every assignment.
    private static final String ON_CONFLICT = """
            hits = CASE WHEN window_ends_at <= :now THEN 1 ELSE hits + 1 END,
            last_at = :now,
            window_ends_at = CASE WHEN window_ends_at <= :now THEN :endsAt ELSE window_ends_at END""";
    private static final String SELECT = "SELECT hits, last_at, window_ends_at FROM auth_attempt WHERE attempt_key = :key";
    private static final String DELETE_KEY = "DELETE FROM auth_attempt WHERE attempt_key = :key";
    private static final String DELETE_ENDED = "DELETE FROM auth_attempt WHERE window_ends_at <= :now";

    private final Jdbi jdbi;
    private final StoreEdge edge;
    private final String upsert;

    JdbcAttemptLimiter(Jdbi jdbi, Dialect dialect, StoreEdge edge) {
        this.jdbi = jdbi;
        this.edge = edge;
        this.upsert = dialect.upsert(INSERT, "attempt_key", ON_CONFLICT);
    }

    @Override
    public Attempts hit(AttemptKey key, Instant now, Duration window) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        if (window == null || window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
        long nowMs = now.toEpochMilli();
        long endsAt = now.plus(window).toEpochMilli();
        return edge.call("count an attempt", () -> jdbi.inTransaction(h -> {
            h.createUpdate(upsert).bind("key", key.hex()).bind("now", nowMs).bind("endsAt", endsAt).execute();
            return read(h, key).orElseThrow(() -> new IllegalStateException("the counted attempt row is missing"));
        }));
    }

    @Override
    public Optional<Attempts> peek(AttemptKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        return edge.call("read attempts", () -> jdbi.withHandle(h -> read(h, key)))
                .filter(a -> now.isBefore(a.endsAt()));
    }

    @Override
    public void reset(AttemptKey key) {
        Objects.requireNonNull(key, "key");
        edge.run("reset attempts", () -> jdbi.useHandle(h -> h.createUpdate(DELETE_KEY).bind("key", key.hex()).execute()));
    }

    @Override
    public int deleteExpired(Instant now) {
        return edge.call("delete ended attempt windows", () -> jdbi.inTransaction(h ->
                h.createUpdate(DELETE_ENDED).bind("now", now.toEpochMilli()).execute()));
    }

    private static Optional<Attempts> read(Handle h, AttemptKey key) {
        return h.createQuery(SELECT).bind("key", key.hex())
                .map((rs, ctx) -> new Attempts(rs.getInt("hits"), Instant.ofEpochMilli(rs.getLong("last_at")),
                        Instant.ofEpochMilli(rs.getLong("window_ends_at"))))
                .findOne();
    }
}
