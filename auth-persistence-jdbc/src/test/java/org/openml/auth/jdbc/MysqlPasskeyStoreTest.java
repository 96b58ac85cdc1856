package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.testkit.contract.PasskeyStoreContract;

/** The passkey contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlPasskeyStoreTest extends PasskeyStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected PasskeyStores newStores() {
        JdbcStores stores = mysql.freshStores();
        return new PasskeyStores(stores.users(), stores.passkeys());
    }
}
