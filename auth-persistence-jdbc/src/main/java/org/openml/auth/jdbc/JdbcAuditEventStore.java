package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.port.out.AuditEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AuditEventStore} on {@code audit_event}; times are epoch milliseconds, types, methods and
 * outcomes their lowercase codes. Rows with a code this version does not know (written by a newer
 * one) are left out of answers rather than failing them.
 */
final class JdbcAuditEventStore implements AuditEventStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditEventStore.class);
    private static final String INSERT = """
            INSERT INTO audit_event (user_id, event_type, method, outcome, created_at, ip_address, detail)
            VALUES (:userId, :type, :method, :outcome, :at, :ip, :detail)""";
    /** The newest row that must go for being past the newest {@code keep}. */
    private static final String FIRST_SURPLUS = """
            SELECT created_at, id FROM audit_event WHERE user_id = :userId
            ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET :keep""";
    private static final String DOOMED = """
            SELECT id FROM audit_event WHERE user_id = :userId
            AND (created_at < :before OR created_at < :at OR (created_at = :at AND id <= :id)) ORDER BY id""";
    private static final String DELETE_IDS = "DELETE FROM audit_event WHERE id IN (<ids>)";
    /** Trims per statement: an account over its bound by more than this is trimmed over several appends. */
    private static final int MAX_TRIM = 500;
    private static final String RECENT = """
            SELECT event_type, method, outcome, created_at, ip_address, detail FROM audit_event WHERE user_id = :userId
            ORDER BY created_at DESC, id DESC LIMIT :limit""";

    private final Jdbi jdbi;
    private final StoreEdge edge;

    JdbcAuditEventStore(Jdbi jdbi, StoreEdge edge) {
        this.jdbi = jdbi;
        this.edge = edge;
    }

    @Override
    public void append(AuditEvent event, int keepPerUser, Instant dropBefore) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(dropBefore, "dropBefore");
        if (keepPerUser < 1) throw new IllegalArgumentException("keepPerUser must be at least 1");
        long user = event.userId().value();
        edge.run("write an audit event", () -> jdbi.useHandle(h -> h.createUpdate(INSERT).bind("userId", user)
                .bind("type", event.type().code()).bind("method", event.method().code())
                .bind("outcome", event.outcome().code()).bind("at", event.at().toEpochMilli())
                .bind("ip", event.ipAddress()).bind("detail", event.detail().orElse(null)).execute()));
        // The event is stored; trimming is housekeeping in its own transaction. Appends racing on one
        // account can deadlock on InnoDB when they delete the same rows: the loser leaves its surplus to the
        // next append instead of failing an event that is already written.
        try {
            edge.run("trim the audit log", () -> jdbi.useTransaction(h -> trim(h, user, keepPerUser, dropBefore.toEpochMilli())));
        } catch (StoreUnavailableException e) {
            LOG.debug("audit log of user {} not trimmed this time: {}", user, e.getMessage());
        }
    }

    /** Deletes by primary key in ascending order, and only when something is over the bound. */
    private static void trim(Handle h, long user, int keep, long before) {
        Surplus cut = h.createQuery(FIRST_SURPLUS).bind("userId", user).bind("keep", keep)
                .map((rs, ctx) -> new Surplus(rs.getLong("created_at"), rs.getLong("id"))).findOne()
                .orElse(new Surplus(Long.MIN_VALUE, Long.MIN_VALUE));
        List<Long> doomed = h.createQuery(DOOMED + " LIMIT " + MAX_TRIM).bind("userId", user).bind("before", before)
                .bind("at", cut.at).bind("id", cut.id).mapTo(Long.class).list();
        if (!doomed.isEmpty()) h.createUpdate(DELETE_IDS).bindList("ids", doomed).execute();
    }

    private record Surplus(long at, long id) {}

    @Override
    public List<AuditEvent> recent(UserId user, int limit) {
        Objects.requireNonNull(user, "user");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        return edge.call("read the audit log", () -> jdbi.withHandle(h -> h.createQuery(RECENT)
                .bind("userId", user.value()).bind("limit", limit)
                .map((rs, ctx) -> read(user, rs.getString("event_type"), rs.getString("method"), rs.getString("outcome"),
                        rs.getLong("created_at"), rs.getString("ip_address"), rs.getString("detail")))
                .list()
                .stream().flatMap(Optional::stream).toList()));
    }

    private static Optional<AuditEvent> read(UserId user, String type, String method, String outcome, long at, String ip,
            String detail) {
        Optional<AuditEvent.Type> t = AuditEvent.Type.ofCode(type);
        Optional<AuditEvent.Method> m = AuditEvent.Method.ofCode(method);
        Optional<AuditEvent.Outcome> o = AuditEvent.Outcome.ofCode(outcome);
        if (t.isEmpty() || m.isEmpty() || o.isEmpty()) return Optional.empty();
        return Optional.of(new AuditEvent(user, t.get(), m.get(), o.get(), Instant.ofEpochMilli(at), ip,
                Optional.ofNullable(detail)));
    }
}
