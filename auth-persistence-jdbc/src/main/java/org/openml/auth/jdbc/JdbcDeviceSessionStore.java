package org.openml.auth.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.DeviceSession;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.DeviceSessionStore;

/**
 * {@link DeviceSessionStore} on {@code user_session}, its {@link #check} reading
 * {@code session_revocation} in the same statement. Times are epoch milliseconds.
 */
final class JdbcDeviceSessionStore implements DeviceSessionStore {
    private static final String COLUMNS = "s.id, s.user_id, s.signed_in_at, s.last_seen_at, s.method, s.ip_address, s.device,"
            + " s.ended_at";
    // One round trip for the two primary-key look-ups every session read needs: a row per table that
    // has one (kind 0: the cut-off, kind 1: the session). UNION ALL costs SQLite less than joins.
    private static final String CHECK = "SELECT 0, valid_after, NULL FROM session_revocation WHERE user_id = ?"
            + " UNION ALL SELECT 1, last_seen_at, ended_at FROM user_session WHERE id = ? AND user_id = ?";
    private static final String INSERT = "INSERT INTO user_session (id, user_id, signed_in_at, last_seen_at, method, ip_address,"
            + " device, ended_at) VALUES (:id, :user, :signedInAt, :lastSeenAt, :method, :ip, :device, :endedAt)";
    private static final String TOUCH = "UPDATE user_session SET last_seen_at = :at WHERE id = :id AND last_seen_at < :at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM user_session s WHERE s.user_id = :user"
            + " ORDER BY s.signed_in_at DESC, s.id";
    private static final String END = "UPDATE user_session SET ended_at = :at WHERE id = :id AND user_id = :user"
            + " AND ended_at IS NULL";
    private static final String PURGE = "DELETE FROM user_session WHERE last_seen_at < :before";

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final StoreEdge edge;
    private final String insertIgnore;

    JdbcDeviceSessionStore(DataSource dataSource, Jdbi jdbi, Dialect dialect, StoreEdge edge) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.edge = edge;
        this.insertIgnore = dialect instanceof MysqlDialect ? INSERT.replaceFirst("INSERT", "INSERT IGNORE")
                : INSERT.replaceFirst("INSERT", "INSERT OR IGNORE");
    }

    /** Plain JDBC, as {@link JdbcSessionRevocationStore#validAfter}: it runs on every session read. */
    @Override
    public Check check(UserId user, String sessionId) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sessionId, "sessionId");
        return edge.query("check a session", dataSource, CHECK, s -> {
            s.setLong(1, user.value());
            s.setString(2, sessionId);
            s.setLong(3, user.value());
            try (ResultSet rs = s.executeQuery()) {
                Optional<Instant> validAfter = Optional.empty();
                Optional<Seen> seen = Optional.empty();
                while (rs.next()) {
                    Instant at = Instant.ofEpochMilli(rs.getLong(2));
                    if (rs.getInt(1) == 0) {
                        validAfter = Optional.of(at);
                    } else {
                        long ended = rs.getLong(3);
                        seen = Optional.of(new Seen(at, rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended))));
                    }
                }
                return new Check(validAfter, seen);
            }
        });
    }

    private static DeviceSession row(ResultSet rs, int first) throws SQLException {
        long ended = rs.getLong(first + 7);
        Optional<Instant> endedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
        return new DeviceSession(rs.getString(first), new UserId(rs.getLong(first + 1)), Instant.ofEpochMilli(rs.getLong(first + 2)),
                Instant.ofEpochMilli(rs.getLong(first + 3)), rs.getString(first + 4), rs.getString(first + 5),
                rs.getString(first + 6), endedAt);
    }

    @Override
    public void record(DeviceSession session) {
        Objects.requireNonNull(session, "session");
        edge.run("record a session", () -> jdbi.useHandle(h -> h.createUpdate(insertIgnore)
                .bind("id", session.id())
                .bind("user", session.userId().value())
                .bind("signedInAt", session.signedInAt().toEpochMilli())
                .bind("lastSeenAt", session.lastSeenAt().toEpochMilli())
                .bind("method", session.method())
                .bind("ip", session.ipAddress())
                .bind("device", session.device())
                .bind("endedAt", session.endedAt().map(Instant::toEpochMilli).orElse(null))
                .execute()));
    }

    @Override
    public void touch(String sessionId, Instant at) {
        Objects.requireNonNull(at, "at");
        edge.run("note a session's use", () -> jdbi.useHandle(h -> h.createUpdate(TOUCH)
                .bind("at", at.toEpochMilli()).bind("id", sessionId).execute()));
    }

    @Override
    public List<DeviceSession> listByUser(UserId user) {
        Objects.requireNonNull(user, "user");
        return edge.call("list sessions", () -> jdbi.withHandle(h -> h.createQuery(LIST).bind("user", user.value())
                .map((rs, ctx) -> row(rs, 1)).list()));
    }

    @Override
    public boolean end(UserId user, String sessionId, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        return edge.call("end a session", () -> jdbi.withHandle(h -> h.createUpdate(END)
                .bind("at", at.toEpochMilli()).bind("id", sessionId).bind("user", user.value()).execute() == 1));
    }

    @Override
    public int purgeSeenBefore(Instant before) {
        return edge.call("purge old sessions", () -> jdbi.withHandle(h -> h.createUpdate(PURGE)
                .bind("before", before.toEpochMilli()).execute()));
    }
}
