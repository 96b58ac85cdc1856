package org.openml.auth.jdbc;

import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.openml.auth.core.error.StoreUnavailableException;

/**
 * The one place where database failures become {@link StoreUnavailableException}. Every public
 * store method runs through it exactly once; code inside lets Jdbi's exceptions pass.
 */
final class StoreEdge {
    private final Dialect dialect;

    StoreEdge(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Runs {@code work}; a Jdbi failure becomes "auth store on {database} could not {action}: {reason}". */
    <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw new StoreUnavailableException(
                    "auth store on " + dialect.database() + " could not " + action + ": " + dialect.describe(e), e);
        }
    }

    void run(String action, Runnable work) {
        call(action, () -> {
            work.run();
            return null;
        });
    }
}
