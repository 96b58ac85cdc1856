package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.OneTimeTokenStore;

/**
 * {@link OneTimeTokenStore} on one of the token tables ({@link Table}). Times are epoch
 * milliseconds; the token column holds the hash, and look-ups go through its unique index.
 *
 * <p><b>Links mailed by OpenML's Next.js app.</b> Where its table holds the usual name (in its shape:
 * plaintext tokens, {@code DATETIME} times; {@link NextjsTables}), this store keeps its own tokens in
 * {@code auth_…} instead and, for a hash it does not know, looks it up among the Next.js table's
 * plaintext tokens: each row is hashed once, when first seen, into an index held here (row ids
 * only ever grow, so each look reads just the rows added since), so a guessed token costs one
 * indexed query, however many stale rows that app left. {@code init-db --from-nextjs} empties it. Redeeming such a token deletes its plaintext row in the same
 * statement that decides who redeemed it, and a reset token is kept here, hashed and used, so a
 * second click is told "already used". Issuing a new token also voids the user's Next.js ones.
 */
final class JdbcOneTimeTokenStore implements OneTimeTokenStore {

    /**
     * The token tables: the same columns, except that only {@code password_reset_token} has
     * {@code used}/{@code used_at} (the confirmation table is OpenML's Next.js shape, which deletes
     * a token when it is used).
     */
    enum Table {
        CONFIRMATION(NextjsTables.CONFIRMATION, "confirmation", false),
        RESET(NextjsTables.RESET, "reset", true);

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
    private volatile Statements sql;
    /** The Next.js table's rows seen so far: hash of the token (hex) to row id. */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> nextjsIndex = new java.util.concurrent.ConcurrentHashMap<>();
    /** The highest Next.js row id indexed. */
    private final java.util.concurrent.atomic.AtomicLong nextjsSeen = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

    JdbcOneTimeTokenStore(Jdbi jdbi, StoreEdge edge, Table table) {
        this.jdbi = jdbi;
        this.edge = edge;
        this.table = table;
        this.sql = new Statements(table, NextjsTables.NONE);
    }

    /** Follows the layout found at start-up. */
    void use(NextjsTables nextjs) {
        sql = new Statements(table, nextjs);
    }

    /** The statements of one layout. */
    private static final class Statements {
        final boolean nextjsTable;
        final String deleteUsersTokens;
        final String insert;
        final String insertUsed;
        final String find;
        final String markUsed;
        final String delete;
        final String deleteUsersNextjs;
        final String redeemNextjs;

        Statements(Table table, NextjsTables nextjs) {
            String t = table == Table.CONFIRMATION ? nextjs.confirmationTable() : nextjs.resetTable();
            this.nextjsTable = !t.equals(table.name);
            this.deleteUsersTokens = "DELETE FROM " + t + " WHERE user_id = :userId";
            this.insert = "INSERT INTO " + t + " (user_id, token, expires_at, created_at) VALUES (:userId, :token, :expiresAt, :createdAt)";
            this.insertUsed = "INSERT INTO " + t + " (user_id, token, expires_at, created_at, used, used_at)"
                    + " VALUES (:userId, :token, :expiresAt, :createdAt, 1, :usedAt)";
            this.find = "SELECT user_id, expires_at, " + (table.keepsUsedTokens ? "used" : "0 AS used") + " FROM " + t
                    + " WHERE token = :token";
            // The "used = 0" condition (or the delete itself) makes the statement the referee: of many
            // concurrent calls, one changes the row.
            this.markUsed = table.keepsUsedTokens
                    ? "UPDATE " + t + " SET used = 1, used_at = :usedAt WHERE token = :token AND used = 0"
                    : "DELETE FROM " + t + " WHERE token = :token";
            this.delete = "DELETE FROM " + t + " WHERE token = :token";
            this.deleteUsersNextjs = "DELETE FROM " + table.name + " WHERE user_id = :userId";
            // A used Next.js reset row is not redeemable: its "used" may be NULL, 0 or false as that app wrote it.
            this.redeemNextjs = "DELETE FROM " + table.name + " WHERE id = :id AND token = :token"
                    + (table.keepsUsedTokens ? " AND (used IS NULL OR used = 0)" : "");
        }
    }

    @Override
    public void issue(UserId user, TokenHash hash, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(hash, "hash");
        Statements s = sql;
        edge.run("issue a " + table.label + " token", () -> jdbi.useTransaction(h -> {
            h.createUpdate(s.deleteUsersTokens).bind("userId", user.value()).execute();
            if (s.nextjsTable) h.createUpdate(s.deleteUsersNextjs).bind("userId", user.value()).execute();
            h.createUpdate(s.insert)
                    .bind("userId", user.value())
                    .bind("token", hash.hex())
                    .bind("expiresAt", expiresAt.toEpochMilli())
                    .bind("createdAt", createdAt.toEpochMilli())
                    .execute();
        }));
    }

    @Override
    public Optional<StoredToken> find(TokenHash hash) {
        Statements s = sql;
        return edge.call("find a " + table.label + " token", () -> jdbi.withHandle(h -> {
            Optional<StoredToken> own = h.createQuery(s.find)
                    .bind("token", hash.hex())
                    .map((rs, ctx) -> new StoredToken(new UserId(rs.getLong("user_id")),
                            Instant.ofEpochMilli(rs.getLong("expires_at")), rs.getInt("used") != 0))
                    .findOne();
            if (own.isPresent() || !s.nextjsTable) return own;
            return nextjsRow(h, hash).map(r -> new StoredToken(r.userId(), r.expiresAt(), r.used()));
        }));
    }

    @Override
    public boolean markUsed(TokenHash hash, Instant usedAt) {
        Objects.requireNonNull(usedAt, "usedAt");
        Statements s = sql;
        return edge.call("mark a " + table.label + " token used", () -> jdbi.inTransaction(h -> {
            var update = h.createUpdate(s.markUsed).bind("token", hash.hex());
            if (table.keepsUsedTokens) update.bind("usedAt", usedAt.toEpochMilli());
            if (update.execute() == 1) return true;
            if (!s.nextjsTable) return false;
            Optional<NextjsTokenRows.Row> row = nextjsRow(h, hash);
            if (row.isEmpty() || row.get().used() || !redeem(h, s, row.get())) return false;
            // Kept hashed and used, so a second click is told "already used" rather than "invalid".
            if (table.keepsUsedTokens) {
                h.createUpdate(s.insertUsed).bind("userId", row.get().userId().value()).bind("token", hash.hex())
                        .bind("expiresAt", row.get().expiresAt().toEpochMilli())
                        .bind("createdAt", row.get().createdAt().orElse(usedAt).toEpochMilli())
                        .bind("usedAt", usedAt.toEpochMilli()).execute();
            }
            return true;
        }));
    }

    @Override
    public boolean delete(TokenHash hash) {
        Statements s = sql;
        return edge.call("delete a " + table.label + " token", () -> jdbi.inTransaction(h -> {
            if (h.createUpdate(s.delete).bind("token", hash.hex()).execute() > 0) return true;
            return s.nextjsTable && nextjsRow(h, hash).map(r -> redeem(h, s, r)).orElse(false);
        }));
    }

    @Override
    public boolean keepsUsedTokens() {
        return table.keepsUsedTokens;
    }

    /** Deletes the plaintext row: true for the one call that did, so a Next.js link also works exactly once. */
    private static boolean redeem(Handle h, Statements s, NextjsTokenRows.Row row) {
        return h.createUpdate(s.redeemNextjs).bind("id", row.id()).bind("token", row.token()).execute() == 1;
    }

    /** The Next.js app's plaintext row whose token hashes to {@code hash}, if any, as it is now. */
    private Optional<NextjsTokenRows.Row> nextjsRow(Handle h, TokenHash hash) {
        List<NextjsTokenRows.Row> added = NextjsTokenRows.after(h, table.name, table.keepsUsedTokens, nextjsSeen.get());
        for (NextjsTokenRows.Row row : added) {
            if (OneTimeToken.isWellFormed(row.token())) nextjsIndex.put(new OneTimeToken(row.token()).hash().hex(), row.id());
            nextjsSeen.accumulateAndGet(row.id(), Math::max);
        }
        Long id = nextjsIndex.get(hash.hex());
        if (id == null) return Optional.empty();
        Optional<NextjsTokenRows.Row> row = NextjsTokenRows.byId(h, table.name, table.keepsUsedTokens, id)
                .filter(r -> OneTimeToken.isWellFormed(r.token()) && new OneTimeToken(r.token()).hash().matches(hash));
        if (row.isEmpty()) nextjsIndex.remove(hash.hex(), id); // redeemed or deleted since
        return row;
    }
}
