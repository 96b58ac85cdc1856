package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.testkit.contract.ExternalIdentityStoreContract;

/** The external-identity contract on a real MySQL/MariaDB database (users.external_source / external_id). */
class MysqlExternalIdentityStoreTest extends ExternalIdentityStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected Pair newStores() {
        JdbcStores stores = mysql.freshStores();
        return new Pair(stores.users(), stores.externalIdentities());
    }
}
