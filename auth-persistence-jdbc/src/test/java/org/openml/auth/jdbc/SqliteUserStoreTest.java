package org.openml.auth.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.testkit.contract.UserStoreContract;

class SqliteUserStoreTest extends UserStoreContract {
    @TempDir
    Path dir;
    private JdbcStores stores;

    @Override
    protected UserStore newStore() {
        stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        return stores.users();
    }

    @Override
    protected void seedLegacyActivationCode(UserId user, String code) {
        try {
            PlainSql.update(dir.resolve("auth.db"), "UPDATE users SET activation_code = ? WHERE id = ?", code, user.value());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }
}
