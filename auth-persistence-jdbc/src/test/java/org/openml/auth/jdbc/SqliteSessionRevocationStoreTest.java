package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.port.out.SessionRevocationStore;
import org.openml.auth.testkit.contract.SessionRevocationStoreContract;

class SqliteSessionRevocationStoreTest extends SessionRevocationStoreContract {
    @TempDir
    Path dir;
    private final List<JdbcStores> opened = new ArrayList<>();

    /** Every call opens the same file again, as a second server on it would. */
    @Override
    protected SessionRevocationStore newStore() {
        JdbcStores stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        opened.add(stores);
        return stores.sessionRevocations();
    }

    @Test
    void aClosedDatabaseFailsWithAStoreErrorThatNamesNoValues() {
        JdbcStores stores = JdbcStores.sqlite(dir.resolve("closed.db"));
        stores.sessionRevocations().revokeBefore(new UserId(4242), Instant.ofEpochMilli(1_700_000_000_123L));
        stores.close();
        assertThatThrownBy(() -> stores.sessionRevocations().validAfter(new UserId(4242)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("could not read a session cut-off")
                .hasMessageNotContaining("4242").hasMessageNotContaining("1700000000123");
        assertThatThrownBy(() -> stores.sessionRevocations().revokeBefore(new UserId(4242), Instant.now()))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("could not revoke sessions")
                .hasMessageNotContaining("4242");
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcStores::close);
    }
}
