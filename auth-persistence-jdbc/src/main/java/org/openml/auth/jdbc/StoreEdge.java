package org.openml.auth.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.JdbiException;
import org.openml.auth.core.error.StoreUnavailableException;

/**
 * The one place where database failures become {@link StoreUnavailableException}. Every public
 * store method runs through it exactly once; code inside lets Jdbi's exceptions pass.
 *
 * <p>It is also the gate that keeps the stores shut until the schema is prepared: while the
 * database has not been reached yet (a server started before its database), every call fails at
 * once with the reason, instead of running SQL against tables that may not exist.
 */
final class StoreEdge {
    private final Dialect dialect;
    /** Why the stores are shut; null once the schema is prepared. */
    private volatile String notReady;

    StoreEdge(Dialect dialect) {
        this(dialect, null);
    }

    StoreEdge(Dialect dialect, String notReady) {
        this.dialect = dialect;
        this.notReady = notReady;
    }

    /** Runs {@code work}; a Jdbi failure becomes "auth store on {database} could not {action}: {reason}". */
    <T> T call(String action, Supplier<T> work) {
        String reason = notReady;
        if (reason != null) {
            throw new StoreUnavailableException(
                    "auth store on " + dialect.database() + " could not " + action + ": not ready yet (" + reason + ")", null);
        }
        return callUngated(action, work);
    }

    /** As {@link #call} even while the stores are shut: for preparing the schema and for pings. */
    <T> T callUngated(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw new StoreUnavailableException(
                    "auth store on " + dialect.database() + " could not " + action + ": " + dialect.describe(e), e);
        }
    }

    /**
     * As {@link #call}, one statement through plain JDBC: for the reads behind every request
     * (session check, API key), where a Jdbi handle costs more than the query. SQL failures read
     * as Jdbi's do.
     */
    <T> T query(String action, DataSource dataSource, String sql, StatementWork<T> work) {
        return call(action, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                return work.run(s);
            } catch (SQLException e) {
                throw new StoreUnavailableException(
                        "auth store on " + dialect.database() + " could not " + action + ": " + dialect.describe(e), e);
            }
        });
    }

    /** Binds and runs a prepared statement, and reads its result. */
    @FunctionalInterface
    interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    void run(String action, Runnable work) {
        call(action, () -> {
            work.run();
            return null;
        });
    }

    boolean isOpen() {
        return notReady == null;
    }

    void open() {
        notReady = null;
    }

    /** Keeps the stores shut, with {@code reason} in the failures they report. */
    void shut(String reason) {
        notReady = reason;
    }
}
