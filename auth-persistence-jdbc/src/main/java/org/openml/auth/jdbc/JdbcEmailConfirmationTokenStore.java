package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.EmailConfirmationTokenStore;

/**
 * {@link EmailConfirmationTokenStore} on {@code email_confirmation_token}. Times are epoch
 * milliseconds; the token column holds the hash, and look-ups go through its unique index.
 */
final class JdbcEmailConfirmationTokenStore implements EmailConfirmationTokenStore {
    private static final String DELETE_USERS_TOKENS = "DELETE FROM email_confirmation_token WHERE user_id = :userId";
    private static final String INSERT = """
            INSERT INTO email_confirmation_token (user_id, token, expires_at, created_at)
            VALUES (:userId, :token, :expiresAt, :createdAt)""";
    private static final String FIND = "SELECT user_id, expires_at FROM email_confirmation_token WHERE token = :token";
    private static final String DELETE = "DELETE FROM email_confirmation_token WHERE token = :token";

    private final Jdbi jdbi;
    private final StoreEdge edge;

    JdbcEmailConfirmationTokenStore(Jdbi jdbi, StoreEdge edge) {
        this.jdbi = jdbi;
        this.edge = edge;
    }

    @Override
    public void issue(UserId user, TokenHash hash, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(hash, "hash");
        edge.run("issue a confirmation token", () -> jdbi.useTransaction(h -> {
            h.createUpdate(DELETE_USERS_TOKENS).bind("userId", user.value()).execute();
            h.createUpdate(INSERT)
                    .bind("userId", user.value())
                    .bind("token", hash.hex())
                    .bind("expiresAt", expiresAt.toEpochMilli())
                    .bind("createdAt", createdAt.toEpochMilli())
                    .execute();
        }));
    }

    @Override
    public Optional<StoredToken> find(TokenHash hash) {
        return edge.call("find a confirmation token", () -> jdbi.withHandle(h -> h.createQuery(FIND)
                .bind("token", hash.hex())
                .map((rs, ctx) -> new StoredToken(new UserId(rs.getLong("user_id")),
                        Instant.ofEpochMilli(rs.getLong("expires_at"))))
                .findOne()));
    }

    @Override
    public boolean delete(TokenHash hash) {
        return edge.call("delete a confirmation token", () -> jdbi.inTransaction(h ->
                h.createUpdate(DELETE).bind("token", hash.hex()).execute() > 0));
    }
}
