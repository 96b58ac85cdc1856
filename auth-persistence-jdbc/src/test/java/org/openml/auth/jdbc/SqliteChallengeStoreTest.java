package org.openml.auth.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.port.out.ChallengeStore;
import org.openml.auth.testkit.contract.ChallengeStoreContract;

class SqliteChallengeStoreTest extends ChallengeStoreContract {
    @TempDir
    Path dir;
    private JdbcStores stores;

    @Override
    protected ChallengeStore newStore() {
        stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        return stores.challenges();
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }
}
