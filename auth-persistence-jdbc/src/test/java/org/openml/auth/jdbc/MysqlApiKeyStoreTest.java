package org.openml.auth.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.testkit.contract.ApiKeyStoreContract;

/** The API-key contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlApiKeyStoreTest extends ApiKeyStoreContract {
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
    protected KeyStores newStores() {
        stores = JdbcStores.mysql(db.config());
        db.deleteAccounts();
        return new KeyStores(stores.users(), stores.apiKeys());
    }

    @Override
    protected void removeApiKey(UserId user) {
        db.update("UPDATE users SET session_hash = NULL WHERE id = ?", user.value());
    }

    @Override
    protected void addToGroup(UserId user, Group group) {
        db.update("INSERT INTO users_groups (user_id, group_id) VALUES (?, ?)", user.value(), group.id());
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }
}
