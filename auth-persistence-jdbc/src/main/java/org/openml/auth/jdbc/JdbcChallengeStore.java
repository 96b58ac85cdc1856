package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.port.out.ChallengeStore;

/** {@link ChallengeStore} on {@code auth_challenge}; times are epoch milliseconds. */
final class JdbcChallengeStore implements ChallengeStore {
    private static final String DELETE_KEY = "DELETE FROM auth_challenge WHERE challenge_key = :key";
    private static final String INSERT = """
            INSERT INTO auth_challenge (challenge_key, purpose, payload, expires_at)
            VALUES (:key, :purpose, :payload, :expiresAt)""";
    private static final String SELECT = "SELECT purpose, payload, expires_at FROM auth_challenge WHERE challenge_key = :key";
    private static final String DELETE_EXPIRED = "DELETE FROM auth_challenge WHERE expires_at <= :now";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final StoreEdge edge;

    JdbcChallengeStore(Jdbi jdbi, Dialect dialect, StoreEdge edge) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.edge = edge;
    }

    private record Row(String purpose, String payload, long expiresAt) {}

    @Override
    public void put(TokenHash key, String purpose, String payload, Instant expiresAt) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(payload, "payload");
        if (payload.length() > MAX_PAYLOAD_LENGTH) throw new IllegalArgumentException("payload too long");
        edge.run("store a challenge", () -> jdbi.useTransaction(h -> {
            h.createUpdate(DELETE_KEY).bind("key", key.hex()).execute();
            h.createUpdate(INSERT).bind("key", key.hex()).bind("purpose", purpose).bind("payload", payload)
                    .bind("expiresAt", expiresAt.toEpochMilli()).execute();
        }));
    }

    @Override
    public Optional<String> take(TokenHash key, String purpose, Instant now) {
        return edge.call("take a challenge", () -> jdbi.inTransaction(h -> {
            Optional<Row> row = h.createQuery(SELECT + dialect.forUpdate()).bind("key", key.hex())
                    .map((rs, ctx) -> new Row(rs.getString("purpose"), rs.getString("payload"), rs.getLong("expires_at")))
                    .findOne();
            if (row.isEmpty()) return Optional.<String>empty();
            // Only the transaction whose delete removed the row may use it: the single-use guarantee.
            boolean mine = h.createUpdate(DELETE_KEY).bind("key", key.hex()).execute() == 1;
            boolean valid = mine && row.get().purpose.equals(purpose) && now.toEpochMilli() < row.get().expiresAt;
            return valid ? Optional.of(row.get().payload) : Optional.<String>empty();
        }));
    }

    @Override
    public int deleteExpired(Instant now) {
        return edge.call("delete expired challenges", () -> jdbi.inTransaction(h ->
                h.createUpdate(DELETE_EXPIRED).bind("now", now.toEpochMilli()).execute()));
    }
}
