package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.PasswordResetTokenStore;

/**
 * {@link PasswordResetTokenStore} on {@code password_reset_token}. Times are epoch milliseconds;
 * the token column holds the hash, and look-ups go through its unique index.
 */
final class JdbcPasswordResetTokenStore implements PasswordResetTokenStore {
    private static final String DELETE_USERS_TOKENS = "DELETE FROM password_reset_token WHERE user_id = :userId";
    private static final String INSERT = """
            INSERT INTO password_reset_token (user_id, token, expires_at, created_at, used, used_at)
            VALUES (:userId, :token, :expiresAt, :createdAt, 0, NULL)""";
    private static final String FIND = "SELECT user_id, expires_at, used FROM password_reset_token WHERE token = :token";
    // The "used = 0" condition makes the update the referee: of many concurrent calls, one changes the row.
    private static final String MARK_USED =
            "UPDATE password_reset_token SET used = 1, used_at = :usedAt WHERE token = :token AND used = 0";
    private static final String DELETE = "DELETE FROM password_reset_token WHERE token = :token";

    private final Jdbi jdbi;
    private final StoreEdge edge;

    JdbcPasswordResetTokenStore(Jdbi jdbi, StoreEdge edge) {
        this.jdbi = jdbi;
        this.edge = edge;
    }

    @Override
    public void issue(UserId user, TokenHash hash, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(hash, "hash");
        edge.run("issue a reset token", () -> jdbi.useTransaction(h -> {
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
        return edge.call("find a reset token", () -> jdbi.withHandle(h -> h.createQuery(FIND)
                .bind("token", hash.hex())
                .map((rs, ctx) -> new StoredToken(new UserId(rs.getLong("user_id")),
                        Instant.ofEpochMilli(rs.getLong("expires_at")), rs.getInt("used") != 0))
                .findOne()));
    }

    @Override
    public boolean markUsed(TokenHash hash, Instant usedAt) {
        Objects.requireNonNull(usedAt, "usedAt");
        return edge.call("mark a reset token used", () -> jdbi.inTransaction(h -> h.createUpdate(MARK_USED)
                .bind("usedAt", usedAt.toEpochMilli())
                .bind("token", hash.hex())
                .execute() == 1));
    }

    @Override
    public boolean delete(TokenHash hash) {
        return edge.call("delete a reset token", () -> jdbi.inTransaction(h ->
                h.createUpdate(DELETE).bind("token", hash.hex()).execute() > 0));
    }
}
