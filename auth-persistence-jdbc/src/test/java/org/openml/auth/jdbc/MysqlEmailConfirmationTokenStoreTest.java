package org.openml.auth.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openml.auth.testkit.contract.EmailConfirmationTokenStoreContract;
import org.openml.auth.testkit.contract.Stores;

/** The confirmation-token contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlEmailConfirmationTokenStoreTest extends EmailConfirmationTokenStoreContract {
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
    protected Stores newStores() {
        stores = JdbcStores.mysql(db.config());
        db.deleteAccounts();
        return new Stores(stores.users(), stores.confirmationTokens(), stores.resetTokens());
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }
}
