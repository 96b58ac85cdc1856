package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.testkit.contract.UnprovenEmailStoreContract;

/** The unproven-address contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlUnprovenEmailStoreTest extends UnprovenEmailStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected Pair newStores() {
        JdbcStores stores = mysql.freshStores();
        return new Pair(stores.users(), stores.unprovenEmails());
    }
}
