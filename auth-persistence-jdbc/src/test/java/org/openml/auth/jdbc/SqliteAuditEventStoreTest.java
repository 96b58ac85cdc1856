package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.testkit.contract.AuditEventStoreContract;

class SqliteAuditEventStoreTest extends AuditEventStoreContract {
    @TempDir
    Path dir;
    private JdbcStores stores;

    @Override
    protected AuditStores newStores() {
        stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        return new AuditStores(stores.users(), stores.auditEvents());
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }

    @Test
    void rowsHoldCodesAndEpochMilliseconds() throws SQLException {
        UserId user = newUser();
        store.append(event(user, Type.API_KEY_REGENERATED, T0), 10, T0.minusSeconds(1));

        assertThat(PlainSql.count(dir.resolve("auth.db"), "SELECT COUNT(*) FROM audit_event WHERE user_id = ?"
                + " AND event_type = 'api_key_regenerated' AND method = 'password' AND outcome = 'success'"
                + " AND created_at = ? AND ip_address = '192.0.2.7' AND detail IS NULL", user.value(), T0.toEpochMilli()))
                .isEqualTo(1);
    }

    @Test
    void rowsWithCodesOfANewerVersionAreLeftOut() throws SQLException {
        UserId user = newUser();
        store.append(event(user, Type.SIGN_IN, T0), 10, T0.minusSeconds(1));
        PlainSql.update(dir.resolve("auth.db"), "INSERT INTO audit_event (user_id, event_type, method, outcome, created_at,"
                + " ip_address) VALUES (?, 'totp_added', 'session', 'success', ?, '192.0.2.8')", user.value(), T0.toEpochMilli() + 5);

        assertThat(store.recent(user, 10)).extracting(e -> e.type()).containsExactly(Type.SIGN_IN);
    }

    @Test
    void eventsGoWithTheirAccount() throws SQLException {
        UserId user = newUser();
        store.append(event(user, Type.SIGN_IN, T0), 10, T0.minusSeconds(1));

        PlainSql.update(dir.resolve("auth.db"), "DELETE FROM users WHERE id = ?", user.value());

        assertThat(store.recent(user, 10)).isEmpty();
        assertThat(PlainSql.count(dir.resolve("auth.db"), "SELECT COUNT(*) FROM audit_event")).isZero();
    }
}
