package org.openml.auth.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.testkit.contract.UserStoreContract;

/** The user store contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlUserStoreTest extends UserStoreContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    protected UserStore newStore() {
        return mysql.freshStores().users();
    }

    @Override
    protected void seedLegacyActivationCode(UserId user, String code) {
        mysql.db().update("UPDATE users SET activation_code = ? WHERE id = ?", code, user.value());
    }

    @Override
    protected void seedMembership(UserId user, int groupId) {
        mysql.db().update("INSERT INTO users_groups (user_id, group_id) VALUES (?, ?)", user.value(), groupId);
    }
}
