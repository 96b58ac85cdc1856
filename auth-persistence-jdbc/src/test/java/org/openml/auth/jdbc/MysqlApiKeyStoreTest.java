package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.testkit.contract.ApiKeyStoreContract;

/** The API-key contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlApiKeyStoreTest extends ApiKeyStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected KeyStores newStores() {
        JdbcStores stores = mysql.freshStores();
        return new KeyStores(stores.users(), stores.apiKeys(), stores.accountLocks());
    }

    @Override
    protected void removeApiKey(UserId user) {
        mysql.db().update("UPDATE users SET session_hash = NULL WHERE id = ?", user.value());
    }

    @Override
    protected void addToGroup(UserId user, Group group) {
        mysql.db().update("INSERT INTO users_groups (user_id, group_id) VALUES (?, ?)", user.value(), group.id());
    }
}
