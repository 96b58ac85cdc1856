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

    @Override
    protected void seedMembership(UserId user, int groupId) {
        try {
            // The file's foreign keys hold: a group this server does not know must exist in "groups" first.
            PlainSql.update(dir.resolve("auth.db"), "INSERT OR IGNORE INTO \"groups\" (id, name, description) VALUES (?, 'other', 'other')",
                    groupId);
            PlainSql.update(dir.resolve("auth.db"), "INSERT INTO users_groups (user_id, group_id) VALUES (?, ?)", user.value(), groupId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
