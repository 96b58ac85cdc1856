package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.testkit.contract.EmailConfirmationTokenStoreContract;
import org.openml.auth.testkit.contract.Stores;

/** The confirmation-token contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlEmailConfirmationTokenStoreTest extends EmailConfirmationTokenStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected Stores newStores() {
        JdbcStores stores = mysql.freshStores();
        return new Stores(stores.users(), stores.confirmationTokens(), stores.resetTokens());
    }
}
