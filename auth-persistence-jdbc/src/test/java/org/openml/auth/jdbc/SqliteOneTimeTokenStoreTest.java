package org.openml.auth.jdbc;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.contract.OneTimeTokenStoreContract;
import org.openml.auth.testkit.contract.Stores;

/** The one-time token contract on both SQLite token tables. */
class SqliteOneTimeTokenStoreTest {
    // Static: the nested classes' tests run inside this class's lifetime; each test gets its own file.
    @TempDir
    static Path dir;
    private static final AtomicInteger files = new AtomicInteger();
    private JdbcStores stores;

    private JdbcStores open() {
        stores = JdbcStores.sqlite(dir.resolve("auth-" + files.incrementAndGet() + ".db"));
        return stores;
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }

    @Nested
    class Confirmation extends OneTimeTokenStoreContract {
        @Override
        protected Stores newStores() {
            JdbcStores s = open();
            return new Stores(s.users(), s.confirmationTokens());
        }

        @Override
        protected boolean keepsUsedTokens() {
            return false;
        }
    }

    @Nested
    class Reset extends OneTimeTokenStoreContract {
        @Override
        protected Stores newStores() {
            JdbcStores s = open();
            return new Stores(s.users(), s.resetTokens());
        }

        @Override
        protected boolean keepsUsedTokens() {
            return true;
        }
    }
}
