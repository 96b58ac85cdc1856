package org.openml.auth.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.testkit.contract.UserStoreContract;

/** The user store contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlUserStoreTest extends UserStoreContract {
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
    protected UserStore newStore() {
        stores = JdbcStores.mysql(db.config());
        db.deleteAccounts();
        return stores.users();
    }

    @Override
    protected void seedLegacyActivationCode(UserId user, String code) {
        db.update("UPDATE users SET activation_code = ? WHERE id = ?", code, user.value());
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }
}
