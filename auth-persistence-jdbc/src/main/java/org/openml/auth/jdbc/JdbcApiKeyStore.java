package org.openml.auth.jdbc;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.ApiKeyRegeneration;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.port.out.ApiKeyStore;

/**
 * {@link ApiKeyStore} on {@code users.session_hash}, {@code users_groups}, {@code account_lock} and
 * {@code api_key_audit}. No caching: every look-up asks the database, so a key replaced on one
 * node is refused by all of them at once.
 */
final class JdbcApiKeyStore implements ApiKeyStore {
    private static final String FIND_PRINCIPAL = """
            SELECT u.id, u.username, u.email, u.active, ug.group_id
            FROM users u LEFT JOIN users_groups ug ON ug.user_id = u.id LEFT JOIN account_lock l ON l.user_id = u.id
            WHERE u.session_hash = ? AND l.user_id IS NULL""";
    private static final String CURRENT_KEY = "SELECT session_hash FROM users WHERE id = :id";
    private static final String KEY_EXISTS = "SELECT 1 FROM users WHERE session_hash = :key LIMIT 1";
    private static final String UPDATE_KEY = "UPDATE users SET session_hash = :key, session_hash_date = :date WHERE id = :id";
    private static final String UPDATE_KEY_ONLY = "UPDATE users SET session_hash = :key WHERE id = :id";
    private static final String INSERT_AUDIT =
            "INSERT INTO api_key_audit (user_id, regenerated_at, ip_address) VALUES (:userId, :at, :ip)";
    private static final String LAST_AUDIT = """
            SELECT regenerated_at, ip_address FROM api_key_audit WHERE user_id = :userId
            ORDER BY regenerated_at DESC, id DESC LIMIT 1""";

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final StoreEdge edge;

    /** Whether {@code users.session_hash_date} exists (not in OpenML's seed users table); asked once the schema is known. */
    private final java.util.function.BooleanSupplier keyDates;

    JdbcApiKeyStore(DataSource dataSource, Jdbi jdbi, Dialect dialect, StoreEdge edge,
            java.util.function.BooleanSupplier keyDates) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.edge = edge;
        this.keyDates = keyDates;
    }

    /**
     * Plain JDBC rather than Jdbi: this is the look-up behind every API-key request, and a Jdbi
     * handle (its configuration copy, its statement context) cost more than the query itself.
     */
    @Override
    public Optional<Principal> findPrincipal(ApiKey key) {
        Objects.requireNonNull(key, "key");
        return edge.query("find the owner of an API key", dataSource, FIND_PRINCIPAL, s -> {
            s.setString(1, key.value());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.<Principal>empty();
                long id = rs.getLong(1);
                String username = rs.getString(2);
                String email = rs.getString(3);
                boolean active = rs.getInt(4) == 1;
                Set<Group> groups = EnumSet.noneOf(Group.class);
                do {
                    int group = rs.getInt(5);
                    if (!rs.wasNull()) Group.byId(group).ifPresent(groups::add);
                } while (rs.next());
                return Optional.of(new Principal(new UserId(id), new Username(username), new Email(email), active, groups));
            }
        });
    }

    @Override
    public ReplaceResult replace(UserId user, Optional<ApiKey> expected, ApiKey replacement, Optional<ApiKeyRegeneration> audit) {
        Objects.requireNonNull(replacement, "replacement");
        return edge.call("replace an API key", () -> {
            try {
                return jdbi.inTransaction(h -> replace(h, user, expected, replacement, audit));
            } catch (JdbiException e) {
                if (dialect.violatedUniqueKey(e).filter(k -> k == UniqueKey.API_KEY).isPresent()) {
                    return new ReplaceResult.KeyTaken();
                }
                throw e;
            }
        });
    }

    private ReplaceResult replace(Handle h, UserId user, Optional<ApiKey> expected, ApiKey replacement,
            Optional<ApiKeyRegeneration> audit) {
        Optional<Optional<String>> stored = h.createQuery(CURRENT_KEY + dialect.forUpdate()).bind("id", user.value())
                .map((rs, ctx) -> Optional.ofNullable(rs.getString("session_hash")))
                .findOne();
        if (stored.isEmpty()) return new ReplaceResult.UnknownUser();
        // Stored values that are not well-formed keys (NULL, '0000', legacy junk) count as "no key".
        Optional<ApiKey> current = stored.get().flatMap(ApiKey::parsePresented)
                .filter(k -> k.value().equals(stored.get().orElse(null)));
        if (!current.equals(expected)) return new ReplaceResult.Conflict();
        if (h.createQuery(KEY_EXISTS).bind("key", replacement.value()).mapTo(Integer.class).findOne().isPresent()) {
            return new ReplaceResult.KeyTaken();
        }
        Instant at = audit.map(ApiKeyRegeneration::at).orElseGet(Instant::now);
        if (keyDates.getAsBoolean()) {
            h.createUpdate(UPDATE_KEY).bind("key", replacement.value()).bind("date", dialect.legacyTimestamp(at))
                    .bind("id", user.value()).execute();
        } else {
            h.createUpdate(UPDATE_KEY_ONLY).bind("key", replacement.value()).bind("id", user.value()).execute();
        }
        audit.ifPresent(a -> h.createUpdate(INSERT_AUDIT).bind("userId", user.value()).bind("at", a.at().toEpochMilli())
                .bind("ip", a.ipAddress()).execute());
        return new ReplaceResult.Replaced();
    }

    @Override
    public Optional<ApiKeyRegeneration> lastRegeneration(UserId user) {
        return edge.call("read the API key audit", () -> jdbi.withHandle(h -> h.createQuery(LAST_AUDIT)
                .bind("userId", user.value())
                .map((rs, ctx) -> new ApiKeyRegeneration(user, Instant.ofEpochMilli(rs.getLong("regenerated_at")),
                        rs.getString("ip_address")))
                .findOne()));
    }
}
