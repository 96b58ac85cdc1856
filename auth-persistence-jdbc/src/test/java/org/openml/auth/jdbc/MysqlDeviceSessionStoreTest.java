package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.testkit.contract.DeviceSessionStoreContract;

/** The DeviceSession store on a real MySQL/MariaDB database with OpenML's legacy (latin1) schema. */
class MysqlDeviceSessionStoreTest extends DeviceSessionStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected AuthStores newStores() {
        return mysql.freshStores();
    }
}
