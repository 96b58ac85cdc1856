package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.StoreUnavailableException;

class SqliteFailureTest {
    @TempDir
    Path dir;

    @Test
    void openStoresAreReadyAndAnswerPings() {
        try (JdbcStores stores = JdbcStores.sqlite(dir.resolve("auth.db"))) {
            stores.ping();
            assertThat(stores.isReady()).isTrue();
            assertThat(stores.toString()).contains("SQLite database").contains("auth.db");
        }
    }

    @Test
    void closedStoresAreNotReadyAndFailAsStoreUnavailable() {
        JdbcStores stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        stores.close();
        stores.close();

        assertThat(stores.isReady()).isFalse();
        assertThatThrownBy(stores::ping).isInstanceOf(StoreUnavailableException.class);
        StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                () -> stores.users().findById(new UserId(1)));
        assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(e).hasMessageContaining("could not find a user by id").hasMessageContaining("auth.db");
    }

    @Test
    void failureMessagesCarryNoBoundValues() {
        try (JdbcStores stores = JdbcStores.sqlite(dir.resolve("auth.db"))) {
            TokenHash hash = new OneTimeToken("d".repeat(64)).hash();

            // No user 4242: the foreign key refuses the row.
            StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                    () -> stores.resetTokens().issue(new UserId(4242), hash, Instant.EPOCH, Instant.EPOCH));

            assertThat(e).hasMessageContaining("could not issue a reset token").hasMessageContaining("FOREIGN KEY");
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(hash.hex());
                assertThat(t.toString()).doesNotContain(hash.hex());
            }
        }
    }
}
