package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.openml.auth.core.domain.OneTimeToken;

/**
 * What this server found, or took over, of OpenML's Next.js app's tables ({@link NextjsTables}):
 * the passkeys it works on in place, and the pending links mailed by that app.
 *
 * @param passkeys      rows in the Next.js app's {@code user_passkeys}
 * @param confirmations confirmation links still pending (or, after {@link #takeOver}, taken over)
 * @param resets        reset links still pending (or taken over)
 * @param stale         expired or used plaintext rows (after {@link #takeOver}: deleted)
 */
record NextjsAdoption(NextjsTables tables, long passkeys, long confirmations, long resets, long stale) {

    /** Counts, changing nothing. */
    static NextjsAdoption count(Handle h, NextjsTables tables) {
        Instant now = Instant.now();
        long passkeys = tables.passkeys()
                ? h.createQuery("SELECT COUNT(*) FROM " + NextjsTables.PASSKEYS).mapTo(Long.class).one() : 0;
        long[] confirmations = tables.confirmationTokens() ? pendingAndStale(h, NextjsTables.CONFIRMATION, false, now) : new long[2];
        long[] resets = tables.resetTokens() ? pendingAndStale(h, NextjsTables.RESET, true, now) : new long[2];
        return new NextjsAdoption(tables, passkeys, confirmations[0], resets[0], confirmations[1] + resets[1]);
    }

    private static long[] pendingAndStale(Handle h, String table, boolean hasUsed, Instant now) {
        long pending = 0;
        long stale = 0;
        for (NextjsTokenRows.Row row : NextjsTokenRows.all(h, table, hasUsed)) {
            if (live(row, now)) pending++;
            else stale++;
        }
        return new long[] {pending, stale};
    }

    private static boolean live(NextjsTokenRows.Row row, Instant now) {
        return !row.used() && row.expiresAt().isAfter(now) && OneTimeToken.isWellFormed(row.token());
    }

    /**
     * Moves every pending Next.js link into this server's hashed form (same user, same expiry) and
     * deletes every plaintext row, used, expired or pending; a user who has a newer link from this
     * server keeps only that one. One transaction: run it when the Next.js app no longer serves
     * the links ({@code init-db --from-nextjs}); until then this server redeems them in place.
     */
    static NextjsAdoption takeOver(Handle h, NextjsTables tables) {
        Instant now = Instant.now();
        long passkeys = count(h, tables).passkeys();
        long[] confirmations = tables.confirmationTokens()
                ? move(h, NextjsTables.CONFIRMATION, tables.confirmationTable(), false, now) : new long[2];
        long[] resets = tables.resetTokens() ? move(h, NextjsTables.RESET, tables.resetTable(), true, now) : new long[2];
        return new NextjsAdoption(tables, passkeys, confirmations[0], resets[0], confirmations[1] + resets[1]);
    }

    private static long[] move(Handle h, String from, String to, boolean hasUsed, Instant now) {
        long moved = 0;
        long stale = 0;
        for (NextjsTokenRows.Row row : NextjsTokenRows.all(h, from, hasUsed)) {
            boolean newer = h.createQuery("SELECT COUNT(*) FROM " + to + " WHERE user_id = :u").bind("u", row.userId().value())
                    .mapTo(Long.class).one() > 0;
            if (live(row, now) && !newer) {
                h.createUpdate("INSERT INTO " + to + " (user_id, token, expires_at, created_at) VALUES (:u, :t, :e, :c)")
                        .bind("u", row.userId().value())
                        .bind("t", new OneTimeToken(row.token()).hash().hex())
                        .bind("e", row.expiresAt().toEpochMilli())
                        .bind("c", row.createdAt().orElse(now).toEpochMilli())
                        .execute();
                moved++;
            } else {
                stale++;
            }
            h.createUpdate("DELETE FROM " + from + " WHERE id = :id").bind("id", row.id()).execute();
        }
        return new long[] {moved, stale};
    }

    /** Lines for the start-up log and {@code doctor}; empty when nothing of the Next.js app is here. */
    List<String> findings() {
        List<String> lines = new ArrayList<>();
        if (tables.passkeys()) {
            lines.add("user_passkeys is the Next.js app's: " + passkeys + " passkey" + (passkeys == 1 ? "" : "s")
                    + " used in place, kept readable by that app (this server's extra data in "
                    + NextjsTables.PASSKEY_DETAIL + ")");
        }
        if (tables.confirmationTokens() || tables.resetTokens()) {
            lines.add("the Next.js app's token tables: " + confirmations + " confirmation and " + resets
                    + " reset link" + (resets == 1 ? "" : "s") + " pending, each redeemable once here until it expires"
                    + (stale > 0 ? "; " + stale + " expired or used" : "") + ". This server's own links go to "
                    + tables.confirmationTable() + " and " + tables.resetTable()
                    + "; `init-db --from-nextjs` takes the pending ones over and removes the plaintext");
        }
        return lines;
    }
}
