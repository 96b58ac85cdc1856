package org.openml.auth.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatements;
import org.openml.auth.core.domain.CredentialId;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.PasskeyStore;

/**
 * {@link PasskeyStore} on {@code user_passkeys}.
 *
 * <p><b>Credential id encoding.</b> This store writes the raw credential id bytes into
 * {@code credential_id} and always fills {@code user_handle}. OpenML's Next.js app wrote the
 * UTF-8 bytes of the base64url <em>text</em> of the id instead, and no user handle (its handle was
 * the decimal user id). A row is read as follows: with {@code user_handle} set, it is ours and
 * {@code credential_id} is raw; with {@code user_handle} NULL it is legacy, and
 * {@code credential_id} is base64url text when every byte is a base64url character (and the
 * text decodes), raw otherwise (Flask wrote raw bytes; a random raw id of 16+ bytes is all
 * base64url characters with a chance below 2<sup>-32</sup>). Its user handle is then the UTF-8
 * decimal user id. Look-ups by credential id match either form.
 *
 * <p>Times are written as epoch MILLISECONDS; legacy rows with {@code 'YYYY-MM-DD HH:MM:SS'} text
 * (UTC) or SQL timestamps are read too. {@code transports} is a comma-joined list.
 *
 * <p><b>The Next.js app's table</b> ({@link NextjsTables#passkeys()}): shared with that app during a
 * cut-over, so this store writes it as the app does (ids as base64url text, {@code DATETIME} times,
 * no extra columns) and keeps the user handle and BE/BS flags in {@code auth_passkey_detail}.
 */
final class JdbcPasskeyStore implements PasskeyStore {
    private static final String OWN_COLUMNS = "p.id, p.user_id, p.credential_id, p.public_key, p.sign_count, p.transports,"
            + " p.device_name, p.created_at, p.last_used_at, p.backup_eligible, p.backup_state, p.user_handle, d.aaguid";
    /** The Next.js app's table, with what it has no column for from {@code auth_passkey_detail}. */
    private static final String NEXTJS_COLUMNS = "p.id, p.user_id, p.credential_id, p.public_key, p.sign_count, p.transports,"
            + " p.device_name, p.created_at, p.last_used_at, d.backup_eligible, d.backup_state, d.user_handle,"
            + " d.sign_count AS full_sign_count, d.aaguid";
    /** The Next.js app's {@code sign_count} is an INT: a counter past this stays here, the full one goes to the detail row. */
    static final long NEXTJS_MAX_COUNT = Integer.MAX_VALUE;
    /** Both layouts: the detail row holds the AAGUID (and, for the Next.js table, what else that table lacks). */
    private static final String FROM = " FROM user_passkeys p LEFT JOIN " + NextjsTables.PASSKEY_DETAIL
            + " d ON d.passkey_id = p.id AND d.credential_id = p.credential_id";
    private static final String RENAME = "UPDATE user_passkeys SET device_name = :name WHERE id = :id AND user_id = :userId";
    private static final String DELETE = "DELETE FROM user_passkeys WHERE id = :id AND user_id = :userId";
    private static final String DELETE_DETAIL = "DELETE FROM " + NextjsTables.PASSKEY_DETAIL + " WHERE passkey_id = :id";
    private static final String INSERT_DETAIL = "INSERT INTO " + NextjsTables.PASSKEY_DETAIL
            + " (passkey_id, credential_id, user_handle, backup_eligible, backup_state, sign_count, aaguid)"
            + " VALUES (:id, :credentialId, :userHandle, :backupEligible, :backupState, :fullCount, :aaguid)";
    private static final String UPDATE_DETAIL_USE = "UPDATE " + NextjsTables.PASSKEY_DETAIL
            + " SET backup_state = :backupState, sign_count = :fullCount WHERE passkey_id = :id";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final StoreEdge edge;
    /** The SQL for the layout found at start-up; the own layout until then (no call gets through before). */
    private volatile Statements sql = new Statements(false);

    JdbcPasskeyStore(Jdbi jdbi, Dialect dialect, StoreEdge edge) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.edge = edge;
    }

    /** Works on the Next.js app's {@code user_passkeys} in its own encoding when {@code nextjs}. */
    void use(boolean nextjs) {
        sql = new Statements(nextjs);
    }

    /** The statements of one layout of {@code user_passkeys}. */
    private static final class Statements {
        final boolean nextjs;
        final String findByCredential;
        final String listByUser;
        final String insert;
        final String recordUse;

        Statements(boolean nextjs) {
            this.nextjs = nextjs;
            String select = "SELECT " + (nextjs ? NEXTJS_COLUMNS : OWN_COLUMNS) + FROM;
            String p = "p.";
            this.findByCredential = select + " WHERE " + p + "credential_id = :raw OR " + p + "credential_id = :text";
            this.listByUser = select + " WHERE " + p + "user_id = :userId ORDER BY " + p + "created_at, " + p + "id";
            // The Next.js app reads every column of its table: only its own columns, in its own encoding, go there.
            this.insert = nextjs
                    ? """
                    INSERT INTO user_passkeys (user_id, credential_id, public_key, sign_count, transports, device_name,
                        created_at, last_used_at)
                    VALUES (:userId, :credentialId, :publicKey, :signCount, :transports, :deviceName, :createdAt, NULL)"""
                    : """
                    INSERT INTO user_passkeys (user_id, credential_id, public_key, sign_count, transports, device_name, created_at,
                        last_used_at, backup_eligible, backup_state, user_handle)
                    VALUES (:userId, :credentialId, :publicKey, :signCount, :transports, :deviceName, :createdAt, NULL,
                        :backupEligible, :backupState, :userHandle)""";
            this.recordUse = nextjs
                    ? "UPDATE user_passkeys SET sign_count = :newCount, last_used_at = :usedAt WHERE id = :id AND sign_count = :expectedCount"
                    : """
                    UPDATE user_passkeys SET sign_count = :newCount, backup_state = :backupState, last_used_at = :usedAt
                    WHERE id = :id AND sign_count = :expectedCount""";
        }

        /** The credential id as this layout stores it: raw here, the bytes of its base64url text in the Next.js table. */
        byte[] stored(CredentialId id) {
            return nextjs ? id.base64Url().getBytes(StandardCharsets.US_ASCII) : id.bytes();
        }
    }

    @Override
    public AddResult add(Passkey.New p) {
        Objects.requireNonNull(p, "passkey");
        Statements s = sql;
        return edge.call("add a passkey", () -> {
            try {
                return jdbi.inTransaction(h -> {
                    if (find(h, s, p.credentialId()).isPresent()) return new AddResult.CredentialTaken();
                    long id = h.createUpdate(s.insert)
                            .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                            .bind("userId", p.userId().value())
                            .bind("credentialId", s.stored(p.credentialId()))
                            .bind("publicKey", p.publicKeyCose())
                            .bind("signCount", s.nextjs ? Math.min(p.signCount(), NEXTJS_MAX_COUNT) : p.signCount())
                            .bind("transports", p.transports().isEmpty() ? null : String.join(",", p.transports()))
                            .bind("deviceName", p.deviceName())
                            .bind("createdAt", s.nextjs ? dialect.legacyTimestamp(p.createdAt()) : p.createdAt().toEpochMilli())
                            .bind("backupEligible", p.backupEligible() ? 1 : 0)
                            .bind("backupState", p.backupState() ? 1 : 0)
                            .bind("userHandle", p.userHandle())
                            .executeAndReturnGeneratedKeys("id")
                            .mapTo(Long.class)
                            .one();
                    if (s.nextjs || p.aaguid().isPresent()) {
                        // In this server's own table the row holds only the AAGUID; the rest is in user_passkeys.
                        h.createUpdate(DELETE_DETAIL).bind("id", id).execute();
                        h.createUpdate(INSERT_DETAIL).bind("id", id).bind("credentialId", s.stored(p.credentialId()))
                                .bind("userHandle", s.nextjs ? p.userHandle() : null)
                                .bind("backupEligible", p.backupEligible() ? 1 : 0)
                                .bind("backupState", p.backupState() ? 1 : 0)
                                .bind("fullCount", s.nextjs ? fullCount(p.signCount()) : null)
                                .bind("aaguid", p.aaguid().map(JdbcPasskeyStore::bytes).orElse(null))
                                .execute();
                    }
                    return new AddResult.Added(find(h, s, p.credentialId()).filter(k -> k.id() == id).orElseThrow(
                            () -> new IllegalStateException("passkey " + id + " vanished inside its own transaction")));
                });
            } catch (JdbiException e) {
                // Another node inserted the same credential between our check and our insert (UNIQUE).
                if (jdbi.withHandle(h -> find(h, s, p.credentialId())).isPresent()) return new AddResult.CredentialTaken();
                throw e;
            }
        });
    }

    @Override
    public Optional<Passkey> findByCredentialId(CredentialId credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        Statements s = sql;
        return edge.call("find a passkey", () -> jdbi.withHandle(h -> find(h, s, credentialId)));
    }

    private static Optional<Passkey> find(Handle h, Statements s, CredentialId credentialId) {
        return h.createQuery(s.findByCredential)
                .bind("raw", credentialId.bytes())
                .bind("text", credentialId.base64Url().getBytes(StandardCharsets.US_ASCII))
                .map((rs, ctx) -> row(rs, s.nextjs))
                .findFirst();
    }

    @Override
    public List<Passkey> listByUser(UserId owner) {
        Objects.requireNonNull(owner, "owner");
        Statements s = sql;
        return edge.call("list passkeys", () -> jdbi.withHandle(h -> h.createQuery(s.listByUser)
                .bind("userId", owner.value()).map((rs, ctx) -> row(rs, s.nextjs)).list()));
    }

    @Override
    public boolean rename(UserId owner, long passkeyId, String deviceName) {
        Objects.requireNonNull(deviceName, "deviceName");
        return edge.call("rename a passkey", () -> jdbi.withHandle(h -> h.createUpdate(RENAME)
                .bind("name", deviceName).bind("id", passkeyId).bind("userId", owner.value()).execute() == 1));
    }

    @Override
    public boolean remove(UserId owner, long passkeyId) {
        Statements s = sql;
        return edge.call("remove a passkey", () -> jdbi.inTransaction(h -> {
            boolean removed = h.createUpdate(DELETE).bind("id", passkeyId).bind("userId", owner.value()).execute() == 1;
            if (removed) h.createUpdate(DELETE_DETAIL).bind("id", passkeyId).execute();
            return removed;
        }));
    }

    @Override
    public boolean recordUse(long passkeyId, long expectedSignCount, long newSignCount, boolean backupState, Instant usedAt) {
        Statements s = sql;
        return edge.call("record a passkey use", () -> jdbi.inTransaction(h -> {
            long stored = s.nextjs ? Math.min(newSignCount, NEXTJS_MAX_COUNT) : newSignCount;
            long expected = s.nextjs ? Math.min(expectedSignCount, NEXTJS_MAX_COUNT) : expectedSignCount;
            boolean recorded = h.createUpdate(s.recordUse)
                    .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                    .bind("newCount", stored).bind("backupState", backupState ? 1 : 0)
                    .bind("usedAt", s.nextjs ? dialect.legacyTimestamp(usedAt) : usedAt.toEpochMilli())
                    .bind("id", passkeyId).bind("expectedCount", expected).execute() == 1;
            if (recorded && s.nextjs) recordDetail(h, passkeyId, backupState, newSignCount);
            return recorded;
        }));
    }

    /** Counters past the Next.js app's INT are kept whole in the detail row; below it, the table's own column is the counter. */
    private static Long fullCount(long signCount) {
        return signCount > NEXTJS_MAX_COUNT ? signCount : null;
    }

    /** BS lives in {@code auth_passkey_detail}; a passkey the Next.js app registered gets its row at first use here. */
    private static void recordDetail(Handle h, long passkeyId, boolean backupState, long signCount) {
        if (h.createUpdate(UPDATE_DETAIL_USE).bind("backupState", backupState ? 1 : 0).bind("fullCount", fullCount(signCount))
                .bind("id", passkeyId).execute() == 1) {
            return;
        }
        h.createQuery("SELECT user_id, credential_id FROM user_passkeys WHERE id = :id").bind("id", passkeyId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getBytes(2)))
                .findOne()
                .ifPresent(p -> h.createUpdate(INSERT_DETAIL).bind("id", passkeyId).bind("credentialId", p.getValue())
                        // The Next.js app's user handle: the decimal user id. BS without BE cannot be, so BE follows BS.
                        .bind("userHandle", Long.toString(p.getKey()).getBytes(StandardCharsets.UTF_8))
                        .bind("backupEligible", backupState ? 1 : 0).bind("backupState", backupState ? 1 : 0)
                        .bind("fullCount", fullCount(signCount)).bind("aaguid", (byte[]) null).execute());
    }

    static byte[] bytes(UUID aaguid) {
        return ByteBuffer.allocate(16).putLong(aaguid.getMostSignificantBits()).putLong(aaguid.getLeastSignificantBits()).array();
    }

    private static Optional<UUID> aaguid(byte[] stored) {
        if (stored == null || stored.length != 16) return Optional.empty();
        ByteBuffer b = ByteBuffer.wrap(stored);
        return Optional.of(new UUID(b.getLong(), b.getLong()));
    }

    private static Passkey row(ResultSet rs, boolean nextjsTable) throws SQLException {
        long userId = rs.getLong("user_id");
        byte[] storedId = rs.getBytes("credential_id");
        byte[] userHandle = rs.getBytes("user_handle");
        boolean legacy = userHandle == null || userHandle.length == 0;
        // In the Next.js table every id is base64url text, also those this server wrote.
        CredentialId credentialId = legacy || nextjsTable ? legacyCredentialId(storedId) : CredentialId.of(storedId);
        if (legacy) userHandle = Long.toString(userId).getBytes(StandardCharsets.UTF_8);
        String transports = rs.getString("transports");
        String deviceName = rs.getString("device_name");
        long signCount = rs.getLong("sign_count");
        if (nextjsTable && signCount >= NEXTJS_MAX_COUNT && rs.getObject("full_sign_count") != null) {
            signCount = rs.getLong("full_sign_count");
        }
        return new Passkey(
                rs.getLong("id"),
                new UserId(userId),
                credentialId,
                rs.getBytes("public_key"),
                userHandle,
                signCount,
                transports == null || transports.isBlank() ? List.of()
                        : Arrays.stream(transports.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList(),
                deviceName == null ? "" : deviceName,
                LegacyTimes.parse(rs.getObject("created_at")).orElse(Instant.EPOCH),
                LegacyTimes.parse(rs.getObject("last_used_at")),
                rs.getInt("backup_eligible") == 1,
                rs.getInt("backup_state") == 1,
                aaguid(rs.getBytes("aaguid")));
    }

    /** A legacy row's id: base64url text (OpenML's Next.js app) when it reads as such, raw bytes otherwise. */
    static CredentialId legacyCredentialId(byte[] stored) {
        if (isBase64UrlText(stored)) {
            try {
                byte[] decoded = Base64.getUrlDecoder().decode(new String(stored, StandardCharsets.US_ASCII));
                if (decoded.length > 0) return CredentialId.of(decoded);
            } catch (IllegalArgumentException notBase64) {
                // e.g. a length of 4n+1: raw bytes after all
            }
        }
        return CredentialId.of(stored);
    }

    private static boolean isBase64UrlText(byte[] bytes) {
        if (bytes.length < 2) return false;
        for (byte b : bytes) {
            boolean ok = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_' || b == '=';
            if (!ok) return false;
        }
        return true;
    }
}
