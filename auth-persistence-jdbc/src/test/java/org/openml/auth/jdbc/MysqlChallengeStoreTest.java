package org.openml.auth.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openml.auth.core.port.out.ChallengeStore;
import org.openml.auth.testkit.contract.ChallengeStoreContract;

/** The challenge contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlChallengeStoreTest extends ChallengeStoreContract {
    private static ScratchMysqlDatabase db;
    private JdbcStores stores;

    @BeforeAll
    static void createDatabase() {
        db = ScratchMysqlDatabase.createWithLegacySchema();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) db.close();
    }

    @Override
    protected ChallengeStore newStore() {
        stores = JdbcStores.mysql(db.config());
        db.deleteAccounts();
        return stores.challenges();
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }
}
