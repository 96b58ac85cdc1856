package org.openml.auth.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.port.out.MailOutbox;
import org.openml.auth.testkit.contract.MailOutboxContract;

class SqliteMailOutboxTest extends MailOutboxContract {
    @TempDir
    Path dir;
    private final List<JdbcStores> opened = new ArrayList<>();

    /** Every call opens the same file again, as a second server on it would. */
    @Override
    protected MailOutbox newStore() {
        JdbcStores stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        opened.add(stores);
        return stores.mailOutbox();
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcStores::close);
    }
}
