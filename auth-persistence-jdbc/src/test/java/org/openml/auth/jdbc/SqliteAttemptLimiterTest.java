package org.openml.auth.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.port.out.AttemptLimiter;
import org.openml.auth.testkit.contract.AttemptLimiterContract;

/** The attempt-limiter contract on SQLite; the second node is a second pool on the same file. */
class SqliteAttemptLimiterTest extends AttemptLimiterContract {
    @TempDir
    Path dir;
    private final List<JdbcStores> opened = new ArrayList<>();

    @Override
    protected AttemptLimiter newLimiter() {
        return open().attempts();
    }

    @Override
    protected AttemptLimiter secondNode() {
        return open().attempts();
    }

    private JdbcStores open() {
        JdbcStores stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        opened.add(stores);
        return stores;
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcStores::close);
        opened.clear();
    }
}
