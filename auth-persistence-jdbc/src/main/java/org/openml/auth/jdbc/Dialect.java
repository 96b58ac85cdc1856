package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What differs between the databases the stores run on. The stores' SQL is written once, in
 * each store class, in the subset SQLite and MySQL/MariaDB share; everything else comes from
 * here.
 *
 * <p>{@link SqliteDialect} creates the whole schema itself. {@link MysqlDialect} runs on OpenML's
 * legacy database: it never creates or alters {@code users}/{@code groups}/{@code users_groups}
 * (it detects them and their optional columns), the legacy schema has no unique index on
 * {@code email} alone (so {@link #lockForSignUp} serialises sign-ups on a lock row), and its
 * duplicate-key messages quote the offending value, so {@link #describe} drops them.
 */
interface Dialect {

    /** Which database this is, as messages show it ("SQLite database /var/lib/openml/auth.db"); no credentials. */
    String database();

    /**
     * Creates what is missing of the schema the stores need, records its version, and checks
     * that the tables have the columns the stores use.
     *
     * @return what it found or did, and the layout of {@code users} the stores must follow
     * @throws org.openml.auth.core.error.StoreUnavailableException when the schema cannot be used
     */
    Schema prepareSchema(Jdbi jdbi);

    /**
     * Called first in the sign-up transaction, before the uniqueness checks, so that two
     * sign-ups with one address cannot both pass them. A no-op where the transaction itself
     * already excludes other writers.
     */
    void lockForSignUp(Handle handle);

    /** The unique key of {@code users} whose violation made this write fail, if that is why it failed. */
    Optional<UniqueKey> violatedUniqueKey(Throwable failure);

    /**
     * What a new row gets in the legacy {@code *_selector} columns. Empty means SQL NULL; those
     * columns are UNIQUE in the legacy schema, so a shared placeholder would collide.
     */
    Optional<String> newSelectorValue();

    /**
     * What ends a {@code SELECT} that reads a row the transaction will update, so a concurrent
     * transaction waits for it ({@code " FOR UPDATE"} on MySQL; empty where the transaction
     * already holds the write lock).
     */
    String forUpdate();

    /**
     * {@code insert} (an {@code INSERT … VALUES …}) that updates the existing row instead when
     * {@code keyColumn} (the primary key) is taken: {@code ON CONFLICT … DO UPDATE SET} on SQLite,
     * {@code ON DUPLICATE KEY UPDATE} on MySQL. {@code assignments} must read only the row's old
     * values of columns assigned after them (MySQL assigns left to right).
     */
    String upsert(String insert, String keyColumn, String assignments);

    /** {@code at} in the form the legacy {@code session_hash_date} column takes. */
    Object legacyTimestamp(Instant at);

    /**
     * Why {@code failure} happened, safe for logs and messages: no bound values, no row
     * contents (so no secrets and no addresses).
     */
    String describe(Throwable failure);

    /**
     * The accounts made before version 3 by a passkey sign-up (OpenML's Next.js app marks them
     * {@code activation_code = 'passkey_activated'}, this server {@code password =
     * 'passkey_no_password'}) never proved their address: record them as unproven once, when
     * {@code unproven_email} is new, so a pre-claimed address is not handed over by a later
     * GitHub/Google sign-in. Accounts already linked to a provider are left alone (the provider
     * proved the address). Writes only this server's table.
     */
    static void markPasskeyOnlyAccountsUnproven(org.jdbi.v3.core.Handle h, String insertIgnore, UsersTable users) {
        java.util.List<String> passkeyMarks = new java.util.ArrayList<>();
        if (users.has("activation_code")) passkeyMarks.add("activation_code = 'passkey_activated'");
        if (users.has("password")) passkeyMarks.add("password = 'passkey_no_password'");
        if (passkeyMarks.isEmpty() || !users.has("active")) return;
        String unlinked = users.has("external_source") ? " AND " + JdbcExternalIdentityStore.UNLINKED : "";
        h.createUpdate(insertIgnore + " INTO unproven_email (user_id, since) SELECT id, :now FROM users"
                        + " WHERE active = 1 AND (" + String.join(" OR ", passkeyMarks) + ")" + unlinked)
                .bind("now", System.currentTimeMillis()).execute();
    }
}
