package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.OneTimeTokenStore;

/**
 * {@link OneTimeTokenStore} on one of the token tables ({@link Table}). Times are epoch
 * milliseconds; the token column holds the hash, and look-ups go through its unique index.
 */
final class JdbcOneTimeTokenStore implements OneTimeTokenStore {

    /**
     * The token tables: the same columns, except that only {@code password_reset_token} has
     * {@code used}/{@code used_at} (the confirmation table is OpenML's Next.js shape, which deletes
     * a token when it is used).
     */
    enum Table {
        CONFIRMATION("email_confirmation_token", "confirmation", false),
        RESET("password_reset_token", "reset", true);

        final String name;
        /** How operations on it are named in failure messages ("issue a reset token"). */
        final String label;
        final boolean keepsUsedTokens;

        Table(String name, String label, boolean keepsUsedTokens) {
            this.name = name;
            this.label = label;
            this.keepsUsedTokens = keepsUsedTokens;
        }
    }

    private final Jdbi jdbi;
    private final StoreEdge edge;
    private final Table table;
    private final String deleteUsersTokens;
    private final String insert;
    private final String find;
    private final String markUsed;
    private final String delete;

    JdbcOneTimeTokenStore(Jdbi jdbi, StoreEdge edge, Table table) {
        this.jdbi = jdbi;
        this.edge = edge;
        this.table = table;
        String t = table.name;
        this.deleteUsersTokens = "DELETE FROM " + t + " WHERE user_id = :userId";
        this.insert = "INSERT INTO " + t + " (user_id, token, expires_at, created_at) VALUES (:userId, :token, :expiresAt, :createdAt)";
        this.find = "SELECT user_id, expires_at, " + (table.keepsUsedTokens ? "used" : "0 AS used") + " FROM " + t
                + " WHERE token = :token";
        // The "used = 0" condition (or the delete itself) makes the statement the referee: of many
        // concurrent calls, one changes the row.
        this.markUsed = table.keepsUsedTokens
                ? "UPDATE " + t + " SET used = 1, used_at = :usedAt WHERE token = :token AND used = 0"
                : "DELETE FROM " + t + " WHERE token = :token";
        this.delete = "DELETE FROM " + t + " WHERE token = :token";
    }

    @Override
    public void issue(UserId user, TokenHash hash, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(hash, "hash");
        edge.run("issue a " + table.label + " token", () -> jdbi.useTransaction(h -> {
            h.createUpdate(deleteUsersTokens).bind("userId", user.value()).execute();
            h.createUpdate(insert)
                    .bind("userId", user.value())
                    .bind("token", hash.hex())
                    .bind("expiresAt", expiresAt.toEpochMilli())
                    .bind("createdAt", createdAt.toEpochMilli())
                    .execute();
        }));
    }

    @Override
    public Optional<StoredToken> find(TokenHash hash) {
        return edge.call("find a " + table.label + " token", () -> jdbi.withHandle(h -> h.createQuery(find)
                .bind("token", hash.hex())
                .map((rs, ctx) -> new StoredToken(new UserId(rs.getLong("user_id")),
                        Instant.ofEpochMilli(rs.getLong("expires_at")), rs.getInt("used") != 0))
                .findOne()));
    }

    @Override
    public boolean markUsed(TokenHash hash, Instant usedAt) {
        Objects.requireNonNull(usedAt, "usedAt");
        return edge.call("mark a " + table.label + " token used", () -> jdbi.inTransaction(h -> {
            var update = h.createUpdate(markUsed).bind("token", hash.hex());
            if (table.keepsUsedTokens) update.bind("usedAt", usedAt.toEpochMilli());
            return update.execute() == 1;
        }));
    }

    @Override
    public boolean delete(TokenHash hash) {
        return edge.call("delete a " + table.label + " token", () -> jdbi.inTransaction(h ->
                h.createUpdate(delete).bind("token", hash.hex()).execute() > 0));
    }

    @Override
    public boolean keepsUsedTokens() {
        return table.keepsUsedTokens;
    }
}
