package org.openml.auth.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
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
 */
final class JdbcPasskeyStore implements PasskeyStore {
    private static final String COLUMNS = "id, user_id, credential_id, public_key, sign_count, transports, device_name,"
            + " created_at, last_used_at, backup_eligible, backup_state, user_handle";
    private static final String FIND_BY_CREDENTIAL = "SELECT " + COLUMNS
            + " FROM user_passkeys WHERE credential_id = :raw OR credential_id = :text";
    private static final String LIST_BY_USER = "SELECT " + COLUMNS
            + " FROM user_passkeys WHERE user_id = :userId ORDER BY created_at, id";
    private static final String INSERT = """
            INSERT INTO user_passkeys (user_id, credential_id, public_key, sign_count, transports, device_name, created_at,
                last_used_at, backup_eligible, backup_state, user_handle)
            VALUES (:userId, :credentialId, :publicKey, :signCount, :transports, :deviceName, :createdAt, NULL,
                :backupEligible, :backupState, :userHandle)""";
    private static final String RENAME = "UPDATE user_passkeys SET device_name = :name WHERE id = :id AND user_id = :userId";
    private static final String DELETE = "DELETE FROM user_passkeys WHERE id = :id AND user_id = :userId";
    private static final String RECORD_USE = """
            UPDATE user_passkeys SET sign_count = :newCount, backup_state = :backupState, last_used_at = :usedAt
            WHERE id = :id AND sign_count = :expectedCount""";
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private final Jdbi jdbi;
    private final StoreEdge edge;

    JdbcPasskeyStore(Jdbi jdbi, StoreEdge edge) {
        this.jdbi = jdbi;
        this.edge = edge;
    }

    @Override
    public AddResult add(Passkey.New p) {
        Objects.requireNonNull(p, "passkey");
        return edge.call("add a passkey", () -> {
            try {
                return jdbi.inTransaction(h -> {
                    if (find(h, p.credentialId()).isPresent()) return new AddResult.CredentialTaken();
                    long id = h.createUpdate(INSERT)
                            .bind("userId", p.userId().value())
                            .bind("credentialId", p.credentialId().bytes())
                            .bind("publicKey", p.publicKeyCose())
                            .bind("signCount", p.signCount())
                            .bind("transports", p.transports().isEmpty() ? null : String.join(",", p.transports()))
                            .bind("deviceName", p.deviceName())
                            .bind("createdAt", p.createdAt().toEpochMilli())
                            .bind("backupEligible", p.backupEligible() ? 1 : 0)
                            .bind("backupState", p.backupState() ? 1 : 0)
                            .bind("userHandle", p.userHandle())
                            .executeAndReturnGeneratedKeys("id")
                            .mapTo(Long.class)
                            .one();
                    return new AddResult.Added(find(h, p.credentialId()).filter(s -> s.id() == id).orElseThrow(
                            () -> new IllegalStateException("passkey " + id + " vanished inside its own transaction")));
                });
            } catch (JdbiException e) {
                // Another node inserted the same credential between our check and our insert (UNIQUE).
                if (jdbi.withHandle(h -> find(h, p.credentialId())).isPresent()) return new AddResult.CredentialTaken();
                throw e;
            }
        });
    }

    @Override
    public Optional<Passkey> findByCredentialId(CredentialId credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        return edge.call("find a passkey", () -> jdbi.withHandle(h -> find(h, credentialId)));
    }

    private static Optional<Passkey> find(Handle h, CredentialId credentialId) {
        return h.createQuery(FIND_BY_CREDENTIAL)
                .bind("raw", credentialId.bytes())
                .bind("text", credentialId.base64Url().getBytes(StandardCharsets.US_ASCII))
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    @Override
    public List<Passkey> listByUser(UserId owner) {
        Objects.requireNonNull(owner, "owner");
        return edge.call("list passkeys", () -> jdbi.withHandle(h -> h.createQuery(LIST_BY_USER)
                .bind("userId", owner.value()).map((rs, ctx) -> row(rs)).list()));
    }

    @Override
    public boolean rename(UserId owner, long passkeyId, String deviceName) {
        Objects.requireNonNull(deviceName, "deviceName");
        return edge.call("rename a passkey", () -> jdbi.withHandle(h -> h.createUpdate(RENAME)
                .bind("name", deviceName).bind("id", passkeyId).bind("userId", owner.value()).execute() == 1));
    }

    @Override
    public boolean remove(UserId owner, long passkeyId) {
        return edge.call("remove a passkey", () -> jdbi.withHandle(h -> h.createUpdate(DELETE)
                .bind("id", passkeyId).bind("userId", owner.value()).execute() == 1));
    }

    @Override
    public boolean recordUse(long passkeyId, long expectedSignCount, long newSignCount, boolean backupState, Instant usedAt) {
        return edge.call("record a passkey use", () -> jdbi.withHandle(h -> h.createUpdate(RECORD_USE)
                .bind("newCount", newSignCount).bind("backupState", backupState ? 1 : 0).bind("usedAt", usedAt.toEpochMilli())
                .bind("id", passkeyId).bind("expectedCount", expectedSignCount).execute() == 1));
    }

    private static Passkey row(ResultSet rs) throws SQLException {
        long userId = rs.getLong("user_id");
        byte[] storedId = rs.getBytes("credential_id");
        byte[] userHandle = rs.getBytes("user_handle");
        boolean legacy = userHandle == null || userHandle.length == 0;
        CredentialId credentialId = legacy ? legacyCredentialId(storedId) : CredentialId.of(storedId);
        if (legacy) userHandle = Long.toString(userId).getBytes(StandardCharsets.UTF_8);
        String transports = rs.getString("transports");
        String deviceName = rs.getString("device_name");
        return new Passkey(
                rs.getLong("id"),
                new UserId(userId),
                credentialId,
                rs.getBytes("public_key"),
                userHandle,
                rs.getLong("sign_count"),
                transports == null || transports.isBlank() ? List.of()
                        : Arrays.stream(transports.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList(),
                deviceName == null ? "" : deviceName,
                time(rs.getObject("created_at")).orElse(Instant.EPOCH),
                time(rs.getObject("last_used_at")),
                rs.getInt("backup_eligible") == 1,
                rs.getInt("backup_state") == 1);
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

    /** Epoch milliseconds (ours), or a legacy SQL timestamp / {@code 'YYYY-MM-DD HH:MM:SS'} text in UTC. */
    private static Optional<Instant> time(Object value) {
        if (value == null) return Optional.empty();
        if (value instanceof Number n) return Optional.of(Instant.ofEpochMilli(n.longValue()));
        if (value instanceof Timestamp t) return Optional.of(t.toInstant());
        if (value instanceof LocalDateTime l) return Optional.of(l.toInstant(ZoneOffset.UTC));
        String text = value.toString().strip();
        if (text.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
        } catch (NumberFormatException notMillis) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException notIso) {
                try {
                    return Optional.of(LocalDateTime.parse(text, SQL_TIME).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException unknown) {
                    return Optional.empty();
                }
            }
        }
    }
}
