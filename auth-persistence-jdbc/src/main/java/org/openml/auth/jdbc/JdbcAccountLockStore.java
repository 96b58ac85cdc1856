package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AccountLockStore;

/** {@link AccountLockStore} on {@code account_lock}: a row while the account is locked. */
final class JdbcAccountLockStore implements AccountLockStore {
    private static final String IS_LOCKED = "SELECT 1 FROM account_lock WHERE user_id = :user";
    private static final String UNLOCK = "DELETE FROM account_lock WHERE user_id = :user";

    private final Jdbi jdbi;
    private final StoreEdge edge;
    private final String lock;

    JdbcAccountLockStore(Jdbi jdbi, Dialect dialect, StoreEdge edge) {
        this.jdbi = jdbi;
        this.edge = edge;
        this.lock = (dialect instanceof MysqlDialect ? "INSERT IGNORE" : "INSERT OR IGNORE")
                + " INTO account_lock (user_id, locked_at, locked_by) VALUES (:user, :at, :by)";
    }

    @Override
    public boolean lock(UserId user, Instant at, String by) {
        Objects.requireNonNull(by, "by");
        return edge.call("lock an account", () -> jdbi.withHandle(h -> h.createUpdate(lock).bind("user", user.value())
                .bind("at", at.toEpochMilli()).bind("by", by.length() > 32 ? by.substring(0, 32) : by).execute() == 1));
    }

    @Override
    public boolean unlock(UserId user) {
        return edge.call("unlock an account", () -> jdbi.withHandle(h -> h.createUpdate(UNLOCK).bind("user", user.value()).execute() == 1));
    }

    @Override
    public boolean isLocked(UserId user) {
        return edge.call("read an account's lock", () -> jdbi.withHandle(h ->
                h.createQuery(IS_LOCKED).bind("user", user.value()).mapTo(Integer.class).findOne().isPresent()));
    }
}
