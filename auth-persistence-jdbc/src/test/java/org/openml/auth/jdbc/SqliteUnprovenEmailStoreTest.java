package org.openml.auth.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.contract.UnprovenEmailStoreContract;

class SqliteUnprovenEmailStoreTest extends UnprovenEmailStoreContract {
    @TempDir
    Path dir;
    private JdbcStores stores;

    @Override
    protected Pair newStores() {
        stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        return new Pair(stores.users(), stores.unprovenEmails());
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }
}
