package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.UnprovenEmailStore;

/**
 * {@link UnprovenEmailStore} on {@code unproven_email}: a row per active account whose address
 * is not proven yet ({@code since} in epoch milliseconds). A table of this server's, so OpenML's
 * {@code users} stays as it is; every statement is on the primary key.
 */
final class JdbcUnprovenEmailStore implements UnprovenEmailStore {
    private static final String INSERT = "INSERT INTO unproven_email (user_id, since) VALUES (:user, :since)";
    private static final String SELECT = "SELECT COUNT(*) FROM unproven_email WHERE user_id = :user";
    private static final String DELETE = "DELETE FROM unproven_email WHERE user_id = :user";

    private final Jdbi jdbi;
    private final StoreEdge edge;
    private final String upsert;

    JdbcUnprovenEmailStore(Jdbi jdbi, Dialect dialect, StoreEdge edge) {
        this.jdbi = jdbi;
        this.edge = edge;
        // A second mark keeps the first time: the address has been unproven since then.
        this.upsert = dialect.upsert(INSERT, "user_id", "since = since");
    }

    @Override
    public void markUnproven(UserId user, Instant since) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(since, "since");
        edge.run("mark an address unproven", () -> jdbi.useHandle(h -> h.createUpdate(upsert)
                .bind("user", user.value()).bind("since", since.toEpochMilli()).execute()));
    }

    @Override
    public boolean isUnproven(UserId user) {
        Objects.requireNonNull(user, "user");
        return edge.call("read whether an address is proven", () -> jdbi.withHandle(h -> h.createQuery(SELECT)
                .bind("user", user.value()).mapTo(Long.class).one() > 0));
    }

    @Override
    public boolean markProven(UserId user) {
        Objects.requireNonNull(user, "user");
        return edge.call("mark an address proven", () -> jdbi.withHandle(h -> h.createUpdate(DELETE)
                .bind("user", user.value()).execute() > 0));
    }
}
