package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.port.out.AttemptLimiter;
import org.openml.auth.testkit.contract.AttemptLimiterContract;

/**
 * The attempt-limiter contract on a real MySQL/MariaDB database with OpenML's legacy schema; the
 * second node is another {@link JdbcStores} (its own pool) on the same database.
 */
class MysqlAttemptLimiterTest extends AttemptLimiterContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected AttemptLimiter newLimiter() {
        return mysql.freshStores().attempts();
    }

    @Override
    protected AttemptLimiter secondNode() {
        return mysql.freshStores().attempts(); // its own pool; the rows it clears are not yet written
    }
}
