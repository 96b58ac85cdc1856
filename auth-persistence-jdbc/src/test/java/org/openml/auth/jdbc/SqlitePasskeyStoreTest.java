package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.CredentialId;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.testkit.contract.PasskeyStoreContract;

class SqlitePasskeyStoreTest extends PasskeyStoreContract {
    @TempDir
    Path dir;
    private JdbcStores stores;

    @Override
    protected PasskeyStores newStores() {
        stores = JdbcStores.sqlite(dir.resolve("auth.db"));
        return new PasskeyStores(stores.users(), stores.passkeys());
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
    }

    @Test
    void newRowsHoldTheRawCredentialIdAndTheUserHandle() throws SQLException {
        UserId owner = newUser();
        Passkey p = add(passkey(owner, "Laptop", CREATED));

        assertThat(PlainSql.count(dir.resolve("auth.db"),
                "SELECT COUNT(*) FROM user_passkeys WHERE credential_id = ? AND user_handle = ? AND created_at = ?",
                p.credentialId().bytes(), p.userHandle(), CREATED.toEpochMilli())).isEqualTo(1);
    }

    @Test
    void rowsWrittenByOpenMLsNextJsAppAreReadAndFoundByTheirRawId() throws SQLException {
        UserId owner = newUser();
        byte[] raw = {(byte) 0xFB, 0x00, 0x7F, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, (byte) 0x80, (byte) 0x90, 1, 2, 3, 4};
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        // As OpenML stored it: the base64url text's bytes, no user handle, SQLite CURRENT_TIMESTAMP text.
        PlainSql.update(dir.resolve("auth.db"), "INSERT INTO user_passkeys (user_id, credential_id, public_key, sign_count,"
                + " transports, device_name, created_at, last_used_at) VALUES (?, ?, ?, 7, 'internal,hybrid', 'Mac', ?, NULL)",
                owner.value(), text.getBytes(StandardCharsets.US_ASCII), new byte[] {1, 2, 3}, "2024-11-05 10:20:30");

        Passkey found = store.findByCredentialId(CredentialId.of(raw)).orElseThrow();

        assertThat(found.credentialId()).isEqualTo(CredentialId.of(raw));
        assertThat(found.userHandle()).isEqualTo(Long.toString(owner.value()).getBytes(StandardCharsets.UTF_8));
        assertThat(found.signCount()).isEqualTo(7);
        assertThat(found.transports()).containsExactly("internal", "hybrid");
        assertThat(found.createdAt()).isEqualTo(Instant.parse("2024-11-05T10:20:30Z"));
        assertThat(store.listByUser(owner)).containsExactly(found);
        assertThat(store.add(new Passkey.New(newUser(), CredentialId.of(raw), new byte[] {1}, new byte[] {1}, 0, List.of(), "Dup",
                CREATED, false, false, java.util.Optional.empty()))).as("the legacy row holds this credential").isInstanceOf(
                org.openml.auth.core.port.out.PasskeyStore.AddResult.CredentialTaken.class);
        assertThat(store.recordUse(found.id(), 7, 8, false, CREATED)).isTrue();
        assertThat(store.findByCredentialId(CredentialId.of(raw)).orElseThrow().signCount()).isEqualTo(8);
    }

    @Test
    void legacyRowsWithRawIdsAreReadAsRaw() throws SQLException {
        UserId owner = newUser();
        byte[] raw = {(byte) 0xFF, (byte) 0xEE, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E};
        PlainSql.update(dir.resolve("auth.db"), "INSERT INTO user_passkeys (user_id, credential_id, public_key, sign_count,"
                + " created_at) VALUES (?, ?, ?, 0, ?)", owner.value(), raw, new byte[] {1}, CREATED.toEpochMilli());

        assertThat(store.listByUser(owner)).singleElement()
                .satisfies(p -> assertThat(p.credentialId()).isEqualTo(CredentialId.of(raw)));
        assertThat(JdbcPasskeyStore.legacyCredentialId("AAEC".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(CredentialId.of(new byte[] {0, 1, 2}));
    }

    @Test
    void passkeysGoWithTheirAccount() throws SQLException {
        UserId owner = newUser();
        add(passkey(owner, "Laptop", CREATED));

        PlainSql.update(dir.resolve("auth.db"), "DELETE FROM users WHERE id = ?", owner.value());

        assertThat(store.listByUser(owner)).isEmpty();
    }
}
