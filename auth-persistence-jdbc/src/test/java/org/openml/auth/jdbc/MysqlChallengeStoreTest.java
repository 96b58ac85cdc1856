package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.port.out.ChallengeStore;
import org.openml.auth.testkit.contract.ChallengeStoreContract;

/** The challenge contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlChallengeStoreTest extends ChallengeStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected ChallengeStore newStore() {
        return mysql.freshStores().challenges();
    }
}
