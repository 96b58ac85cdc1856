package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.EmailChangeStore;

/** {@link EmailChangeStore} on {@code email_change_token}: hashes only, epoch milliseconds, kind as a lowercase word. */
final class JdbcEmailChangeStore implements EmailChangeStore {
    private static final String DELETE_OLDER = "DELETE FROM email_change_token WHERE user_id = :user AND kind = :kind";
    private static final String INSERT = "INSERT INTO email_change_token (user_id, token, kind, email, expires_at, created_at)"
            + " VALUES (:user, :token, :kind, :email, :expiresAt, :createdAt)";
    private static final String FIND = "SELECT user_id, kind, email, expires_at FROM email_change_token WHERE token = :token";
    private static final String REDEEM = "DELETE FROM email_change_token WHERE token = :token";

    private final Jdbi jdbi;
    private final StoreEdge edge;

    JdbcEmailChangeStore(Jdbi jdbi, StoreEdge edge) {
        this.jdbi = jdbi;
        this.edge = edge;
    }

    @Override
    public void issue(UserId user, TokenHash hash, Kind kind, Email email, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(email, "email");
        edge.run("issue an email change token", () -> jdbi.useTransaction(h -> {
            h.createUpdate(DELETE_OLDER).bind("user", user.value()).bind("kind", code(kind)).execute();
            h.createUpdate(INSERT).bind("user", user.value()).bind("token", hash.hex()).bind("kind", code(kind))
                    .bind("email", email.value()).bind("expiresAt", expiresAt.toEpochMilli())
                    .bind("createdAt", createdAt.toEpochMilli()).execute();
        }));
    }

    @Override
    public Optional<Pending> find(TokenHash hash) {
        return edge.call("find an email change token", () -> jdbi.withHandle(h -> h.createQuery(FIND).bind("token", hash.hex())
                .map((rs, ctx) -> new Pending(new UserId(rs.getLong("user_id")),
                        Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), new Email(rs.getString("email")),
                        Instant.ofEpochMilli(rs.getLong("expires_at"))))
                .findOne()));
    }

    @Override
    public boolean redeem(TokenHash hash) {
        return edge.call("redeem an email change token", () -> jdbi.inTransaction(h ->
                h.createUpdate(REDEEM).bind("token", hash.hex()).execute() == 1));
    }

    @Override
    public void cancel(UserId user, Kind kind) {
        edge.run("cancel an email change", () -> jdbi.useHandle(h ->
                h.createUpdate(DELETE_OLDER).bind("user", user.value()).bind("kind", code(kind)).execute()));
    }

    private static String code(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
