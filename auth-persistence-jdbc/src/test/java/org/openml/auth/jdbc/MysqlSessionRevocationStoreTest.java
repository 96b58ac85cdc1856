package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.port.out.SessionRevocationStore;
import org.openml.auth.testkit.contract.SessionRevocationStoreContract;

/** The session cut-off contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlSessionRevocationStoreTest extends SessionRevocationStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    /** Every call opens another pool on the same database, as a second server would. */
    @Override
    protected SessionRevocationStore newStore() {
        return mysql.freshStores().sessionRevocations();
    }
}
