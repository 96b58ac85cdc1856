package org.openml.auth.jdbc;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.SessionRevocationStore;

/**
 * {@link SessionRevocationStore} on {@code session_revocation}: one row per user who ever revoked,
 * {@code valid_after} in epoch milliseconds. The read is a primary-key lookup (it runs on every
 * session read); the write is one upsert that keeps the larger value, so it never moves backwards,
 * also when nodes race.
 */
final class JdbcSessionRevocationStore implements SessionRevocationStore {
    private static final String SELECT = "SELECT valid_after FROM session_revocation WHERE user_id = ?";

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final String upsert;
    private final StoreEdge edge;

    JdbcSessionRevocationStore(DataSource dataSource, Jdbi jdbi, Dialect dialect, StoreEdge edge) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.edge = edge;
        // The one statement the two databases spell differently; both are atomic on the primary key.
        this.upsert = dialect instanceof MysqlDialect
                ? "INSERT INTO session_revocation (user_id, valid_after) VALUES (:user, :cutoff)"
                        + " ON DUPLICATE KEY UPDATE valid_after = GREATEST(valid_after, VALUES(valid_after))"
                : "INSERT INTO session_revocation (user_id, valid_after) VALUES (:user, :cutoff)"
                        + " ON CONFLICT (user_id) DO UPDATE SET valid_after = MAX(valid_after, excluded.valid_after)";
    }

    /**
     * Plain JDBC rather than Jdbi: this runs on every session read, and Jdbi's statement handling
     * doubles its CPU cost (measured on SQLite: ≈ 10 µs against ≈ 20 µs per read).
     */
    @Override
    public Optional<Instant> validAfter(UserId user) {
        Objects.requireNonNull(user, "user");
        return edge.query("read a session cut-off", dataSource, SELECT, s -> {
            s.setLong(1, user.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.<Instant>empty();
            }
        });
    }

    @Override
    public void revokeBefore(UserId user, Instant cutoff) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(cutoff, "cutoff");
        edge.run("revoke sessions", () -> jdbi.useHandle(h -> h.createUpdate(upsert)
                .bind("user", user.value()).bind("cutoff", cutoff.toEpochMilli()).execute()));
    }
}
