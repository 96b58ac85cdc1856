package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.testkit.contract.AuditEventStoreContract;

/** The audit log contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlAuditEventStoreTest extends AuditEventStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected AuditStores newStores() {
        JdbcStores stores = mysql.freshStores();
        return new AuditStores(stores.users(), stores.auditEvents());
    }
}
