package org.openml.auth.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.testkit.contract.DeviceSessionStoreContract;

class SqliteDeviceSessionStoreTest extends DeviceSessionStoreContract {
    @TempDir
    Path dir;
    private JdbcStores stores;

    @Override
    protected AuthStores newStores() {
        stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        return stores;
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }
}
