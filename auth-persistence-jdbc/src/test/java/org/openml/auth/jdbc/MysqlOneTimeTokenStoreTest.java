package org.openml.auth.jdbc;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.testkit.contract.OneTimeTokenStoreContract;
import org.openml.auth.testkit.contract.Stores;

/** The one-time token contract on both token tables of a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlOneTimeTokenStoreTest {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Nested
    class Confirmation extends OneTimeTokenStoreContract {
        @Override
        protected Stores newStores() {
            JdbcStores stores = mysql.freshStores();
            return new Stores(stores.users(), stores.confirmationTokens());
        }

        @Override
        protected boolean keepsUsedTokens() {
            return false;
        }
    }

    @Nested
    class Reset extends OneTimeTokenStoreContract {
        @Override
        protected Stores newStores() {
            JdbcStores stores = mysql.freshStores();
            return new Stores(stores.users(), stores.resetTokens());
        }

        @Override
        protected boolean keepsUsedTokens() {
            return true;
        }
    }
}
