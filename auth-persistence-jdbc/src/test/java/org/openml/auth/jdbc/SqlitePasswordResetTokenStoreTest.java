package org.openml.auth.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.contract.PasswordResetTokenStoreContract;
import org.openml.auth.testkit.contract.Stores;

class SqlitePasswordResetTokenStoreTest extends PasswordResetTokenStoreContract {
    @TempDir
    Path dir;
    private JdbcStores stores;

    @Override
    protected Stores newStores() {
        stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        return new Stores(stores.users(), stores.confirmationTokens(), stores.resetTokens());
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }
}
