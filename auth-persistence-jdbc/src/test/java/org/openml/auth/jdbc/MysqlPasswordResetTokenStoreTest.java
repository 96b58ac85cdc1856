package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.testkit.contract.PasswordResetTokenStoreContract;
import org.openml.auth.testkit.contract.Stores;

/** The reset-token contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlPasswordResetTokenStoreTest extends PasswordResetTokenStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected Stores newStores() {
        JdbcStores stores = mysql.freshStores();
        return new Stores(stores.users(), stores.confirmationTokens(), stores.resetTokens());
    }
}
