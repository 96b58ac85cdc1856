package org.openml.auth.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.error.StoreUnavailableException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQLite: one file, WAL, writers serialised by {@code BEGIN IMMEDIATE}. */
final class SqliteDialect implements Dialect {
    /** The schema version this code writes and reads ({@code PRAGMA user_version}). */
    static final int SCHEMA_VERSION = 5;
    /** SQLite has one writer at a time; more connections would only queue on its lock. */
    static final int POOL_SIZE = 4;
    /** How long a writer waits for the lock before SQLITE_BUSY; far above any transaction here. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private static final String SCHEMA_SCRIPT = "/org/openml/auth/jdbc/sqlite/schema-v5.sql";
    private static final DateTimeFormatter SQLITE_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final Map<String, List<String>> REQUIRED_COLUMNS = requiredColumns();

    /** The file's path (or the JDBC URL of an application's pool), for messages. */
    private final String file;

    SqliteDialect(String file) {
        this.file = file;
    }

    private static Map<String, List<String>> requiredColumns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put("users", UsersTable.REQUIRED);
        columns.put("groups", List.of("id", "name", "description"));
        columns.put("users_groups", List.of("id", "user_id", "group_id"));
        columns.put("email_confirmation_token", List.of("id", "user_id", "token", "expires_at", "created_at"));
        columns.put("password_reset_token",
                List.of("id", "user_id", "token", "expires_at", "created_at", "used", "used_at"));
        columns.put("email_change_token", List.of("id", "user_id", "token", "kind", "email", "expires_at", "created_at"));
        columns.put("user_session",
                List.of("id", "user_id", "signed_in_at", "last_seen_at", "method", "ip_address", "device", "ended_at"));
        columns.put("account_lock", List.of("user_id", "locked_at", "locked_by"));
        columns.put(NextjsTables.PASSKEY_DETAIL,
                List.of("passkey_id", "credential_id", "user_handle", "backup_eligible", "backup_state", "sign_count", "aaguid"));
        return columns;
    }

    /** A pool of connections to {@code file} set up for many concurrent writers. */
    static HikariDataSource openPool(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        // WAL lets readers run while one writer writes; NORMAL sync is durable enough with WAL.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        // Writers take the lock at BEGIN, so no transaction fails half-way trying to upgrade a read lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file);

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("openml-auth-sqlite");
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setMinimumIdle(1);
        pool.setAutoCommit(true);
        return new HikariDataSource(pool);
    }

    @Override
    public String database() {
        return "SQLite database " + file;
    }

    @Override
    public Schema prepareSchema(Jdbi jdbi) {
        return jdbi.inTransaction(handle -> {
            int found = handle.createQuery("PRAGMA user_version").mapTo(Integer.class).one();
            if (found > SCHEMA_VERSION) {
                throw new StoreUnavailableException("the SQLite database " + file + " has schema version " + found
                        + ", newer than this server's " + SCHEMA_VERSION + "; upgrade the server", null);
            }
            String action = found == 0 ? "created" : found < SCHEMA_VERSION ? "upgraded from version " + found + " to" : "found";
            // The Next.js app's local file (or a file it shares) holds its own token and passkey tables: adopted, not refused.
            NextjsTables nextjs = NextjsTables.detect(columnTypes(handle));
            // The script is idempotent (IF NOT EXISTS, INSERT OR IGNORE) and takes milliseconds: running it on every
            // start also adds tables that a file of the same version made by an earlier build lacks. On an existing
            // schema, check the columns first, so a table made by another program is named rather than failing the script.
            // Tables an older version did not have are made by the script, so only those present are checked first.
            if (found > 0) checkColumns(handle, nextjs, true);
            runScript(handle, nextjs);
            UsersTable users = usersTable(handle);
            if (found < 3) Dialect.markPasskeyOnlyAccountsUnproven(handle, "INSERT OR IGNORE", users);
            checkColumns(handle, nextjs, false);
            List<String> findings = new ArrayList<>();
            findings.add("users: " + users.legacyColumnSummary());
            findings.addAll(NextjsAdoption.count(handle, nextjs).findings());
            SchemaReport report = new SchemaReport(database(), SCHEMA_VERSION, action, findings, users.featureWarnings(),
                    List.of());
            return new Schema(report, users, nextjs);
        });
    }

    /** Every table's columns with their declared types, lower case. */
    private static Map<String, Map<String, String>> columnTypes(Handle handle) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        List<String> names = handle.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'").mapTo(String.class).list();
        for (String table : names) {
            Map<String, String> columns = new LinkedHashMap<>();
            handle.createQuery("SELECT name, type FROM pragma_table_info(:table)").bind("table", table)
                    .map((rs, ctx) -> Map.entry(rs.getString(1).toLowerCase(Locale.ROOT),
                            String.valueOf(rs.getString(2)).toLowerCase(Locale.ROOT)))
                    .forEach(e -> columns.put(e.getKey(), e.getValue()));
            tables.put(table.toLowerCase(Locale.ROOT), columns);
        }
        return tables;
    }

    /** {@code users} as the file holds it: this server's own has every legacy column, the Next.js app's may not. */
    private static UsersTable usersTable(Handle handle) {
        Map<String, UsersTable.TextColumn> columns = new LinkedHashMap<>();
        handle.createQuery("SELECT name FROM pragma_table_info('users')").mapTo(String.class)
                .forEach(c -> columns.put(c.toLowerCase(Locale.ROOT), UsersTable.TextColumn.ANY_TEXT));
        columns.keySet().retainAll(UsersTable.LEGACY);
        return new UsersTable(columns, Map.of());
    }

    private void runScript(Handle handle, NextjsTables nextjs) {
        // Plain JDBC: the script is DDL with no parameters, so Jdbi's parsing and templating have no business in it.
        try (Statement statement = handle.getConnection().createStatement()) {
            for (String sql : SqlScript.load(SCHEMA_SCRIPT)) statement.execute(nextjs.rename(sql));
            statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot create the schema in the SQLite database " + file + ": "
                    + describe(e), e);
        }
    }

    private void checkColumns(Handle handle, NextjsTables nextjs, boolean onlyPresentTables) {
        Set<String> missing = new TreeSet<>();
        for (Map.Entry<String, List<String>> table : REQUIRED_COLUMNS.entrySet()) {
            String name = nextjs.rename(table.getKey());
            Set<String> present = new HashSet<>(handle.createQuery("SELECT name FROM pragma_table_info(:table)")
                    .bind("table", name)
                    .mapTo(String.class)
                    .list());
            if (onlyPresentTables && present.isEmpty()) continue;
            for (String column : table.getValue()) {
                if (!present.contains(column)) missing.add(name + "." + column);
            }
        }
        if (!missing.isEmpty()) {
            throw new StoreUnavailableException("the SQLite database " + file + " lacks columns the auth stores need: "
                    + missing + " (was it made by another program?)", null);
        }
    }

    @Override
    public void lockForSignUp(Handle handle) {
        // Nothing to do: BEGIN IMMEDIATE already made this the only writer.
    }

    @Override
    public Optional<UniqueKey> violatedUniqueKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException e && isUniqueViolation(e.getResultCode())) {
                // "UNIQUE constraint failed: users.email": the column names the key, the value is never quoted.
                String message = String.valueOf(e.getMessage());
                if (message.contains("users.email")) return Optional.of(UniqueKey.EMAIL);
                if (message.contains("users.username")) return Optional.of(UniqueKey.USERNAME);
                if (message.contains("users.session_hash")) return Optional.of(UniqueKey.API_KEY);
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isUniqueViolation(SQLiteErrorCode code) {
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }

    @Override
    public Optional<String> newSelectorValue() {
        return Optional.empty();
    }

    @Override
    public String upsert(String insert, String keyColumn, String assignments) {
        return insert + " ON CONFLICT(" + keyColumn + ") DO UPDATE SET " + assignments;
    }

    @Override
    public String forUpdate() {
        return ""; // write transactions begin IMMEDIATE: they hold the database's write lock already
    }

    @Override
    public Object legacyTimestamp(Instant at) {
        return SQLITE_TIMESTAMP.format(at);
    }

    @Override
    public String describe(Throwable failure) {
        // SQLite's messages name the failing constraint or condition, never a bound value.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) return t.getMessage();
        }
        return failure.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return database();
    }
}
