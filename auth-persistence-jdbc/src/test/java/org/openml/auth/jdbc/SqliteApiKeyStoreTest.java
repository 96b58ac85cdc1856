package org.openml.auth.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.testkit.contract.ApiKeyStoreContract;

class SqliteApiKeyStoreTest extends ApiKeyStoreContract {
    @TempDir
    Path dir;
    private JdbcStores stores;

    @Override
    protected KeyStores newStores() {
        stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        return new KeyStores(stores.users(), stores.apiKeys(), stores.accountLocks());
    }

    @Override
    protected void removeApiKey(UserId user) {
        sql("UPDATE users SET session_hash = NULL WHERE id = ?", user.value());
    }

    @Override
    protected void addToGroup(UserId user, Group group) {
        sql("INSERT INTO users_groups (user_id, group_id) VALUES (?, ?)", user.value(), group.id());
    }

    private void sql(String statement, Object... args) {
        try {
            PlainSql.update(dir.resolve("auth.db"), statement, args);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }
}
