package org.openml.auth.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.error.StoreUnavailableException;

/**
 * MySQL and MariaDB, on OpenML's existing user database. Creates only the tables this module owns
 * ({@code schema-v5.sql}), never touches the structure of {@code users}, {@code groups} or
 * {@code users_groups}, and adapts to the optional columns it finds ({@link MysqlInspection}).
 */
final class MysqlDialect implements Dialect {
    /** The version of the owned tables this code writes and reads ({@code openml_auth_schema}). */
    static final int SCHEMA_VERSION = 5;
    static final String SCHEMA_SCRIPT = "/org/openml/auth/jdbc/mysql/schema-v5.sql";
    static final String LEGACY_SCRIPT = "/org/openml/auth/jdbc/mysql/openml-legacy.sql";
    static final String LEGACY_GROUPS_SCRIPT = "/org/openml/auth/jdbc/mysql/openml-legacy-groups.sql";
    /** How long a server waits for another one that is preparing the schema. */
    static final Duration SCHEMA_LOCK_WAIT = Duration.ofSeconds(60);
    private static final int ER_DUP_ENTRY = 1062;
    private static final Pattern DUPLICATE_KEY = Pattern.compile("for key '(?:[^'.]*\\.)?([^']+)'");
    // MySQL quotes the offending value in these messages: "Duplicate entry 'a@b.org' for key …",
    // "Incorrect string value: '\xE6\x9D' for column …". Values may hold addresses, hashes or keys.
    private static final Pattern QUOTED_VALUE = Pattern.compile("(entry|value:?) '(?:[^'\\\\]|\\\\.)*'");

    private final String schemaName;
    private final String location;
    /** The unique indexes of users as found at start-up, to name the value a duplicate-key error is about. */
    private volatile UsersTable users = new UsersTable(Map.of(), Map.of());

    /**
     * @param schemaName the database (schema) that holds {@code users}
     * @param location   where it is, for messages ("db:3306"); never credentials
     */
    MysqlDialect(String schemaName, String location) {
        this.schemaName = schemaName;
        this.location = location;
    }

    /** The dialect of the database {@code config} reaches. */
    static MysqlDialect of(MysqlConfig config) {
        return new MysqlDialect(config.database(), config.host() + ":" + config.port());
    }

    @Override
    public String database() {
        return "MySQL database " + schemaName + " on " + location;
    }

    @Override
    public Schema prepareSchema(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            String lock = lockName();
            Integer got = h.createQuery("SELECT GET_LOCK(:name, :seconds)").bind("name", lock)
                    .bind("seconds", SCHEMA_LOCK_WAIT.toSeconds()).mapTo(Integer.class).one();
            if (got == null || got != 1) {
                throw new StoreUnavailableException("another server has been preparing the schema of " + database()
                        + " for " + SCHEMA_LOCK_WAIT.toSeconds() + " s (lock " + lock + "); try again", null);
            }
            try {
                return prepareLocked(h);
            } finally {
                h.createQuery("SELECT RELEASE_LOCK(:name)").bind("name", lock).mapTo(Integer.class).findOne();
            }
        });
    }

    /** GET_LOCK names are server-wide and at most 64 characters. */
    private String lockName() {
        String name = "openml_auth_schema:" + schemaName;
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    private Schema prepareLocked(Handle h) {
        MysqlInspection before = MysqlInspection.of(h);
        refuseIfUnusable(before);
        int found = before.version();
        if (found > SCHEMA_VERSION) {
            throw new StoreUnavailableException("the tables of this server in " + database() + " have schema version "
                    + found + ", newer than this server's " + SCHEMA_VERSION + "; upgrade the server", null);
        }
        String action = "found";
        if (found < SCHEMA_VERSION || !before.ownedTablesComplete()) {
            runScript(h, before);
            if (found < 3) Dialect.markPasskeyOnlyAccountsUnproven(h, "INSERT IGNORE", before.users());
            action = found == 0 ? "created" : found < SCHEMA_VERSION ? "upgraded from version " + found + " to" : "repaired";
        }
        MysqlInspection after = MysqlInspection.of(h);
        refuseIfUnusable(after);
        users = after.users();
        return new Schema(after.report(database(), action), after.users(), after.nextjs());
    }

    private void refuseIfUnusable(MysqlInspection inspection) {
        if (!inspection.problems().isEmpty()) {
            throw new StoreUnavailableException(database() + " cannot be used: " + String.join("; ", inspection.problems()),
                    null);
        }
    }

    private void runScript(Handle h, MysqlInspection found) {
        String fk = found.usersInnoDb() ? ",\n    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE" : "";
        // Plain JDBC: the script is DDL with no parameters, so Jdbi's parsing and templating have no business in it.
        try (Statement statement = h.getConnection().createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + MysqlInspection.VERSION_TABLE + " ("
                    + " version INT NOT NULL, applied_at BIGINT NOT NULL, description VARCHAR(255) NOT NULL,"
                    + " PRIMARY KEY (version)) ENGINE=InnoDB DEFAULT CHARSET=ascii");
            for (String sql : SqlScript.load(SCHEMA_SCRIPT)) {
                statement.execute(found.nextjs().rename(sql).replace("${USER_ID_TYPE}", found.userIdType()).replace("${USER_FK}", fk));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot create this server's tables in " + database() + ": "
                    + describe(e), e);
        }
        h.createUpdate("INSERT IGNORE INTO " + MysqlInspection.VERSION_TABLE
                        + " (version, applied_at, description) VALUES (:version, :at, :description)")
                .bind("version", SCHEMA_VERSION)
                .bind("at", System.currentTimeMillis())
                .bind("description", "token tables, API-key audit, challenges and the sign-up lock")
                .execute();
    }

    /** What {@link #prepareSchema} would find, changing nothing; a newer schema is one of its problems. */
    SchemaReport inspect(Handle h) {
        MysqlInspection found = MysqlInspection.of(h);
        if (found.version() > SCHEMA_VERSION) {
            found.problem("this server's tables have schema version " + found.version() + ", newer than this server's "
                    + SCHEMA_VERSION + "; upgrade the server");
        }
        return found.report(database(), found.version() == 0 ? "not created yet" : "found");
    }

    /**
     * Sign-ups wait here for each other, on every node: the row lock lasts until the transaction
     * ends, so the next sign-up's email check (READ COMMITTED, see {@link MysqlConnections#openPool}) sees this
     * one's committed row. OpenML's other programs do not take this lock; for them the unique
     * index on (username, email) remains the only guard.
     */
    @Override
    public void lockForSignUp(Handle handle) {
        String sql = "SELECT name FROM openml_auth_lock WHERE name = 'signup' FOR UPDATE";
        if (handle.createQuery(sql).mapTo(String.class).findOne().isEmpty()) {
            // Someone deleted the row: put it back (idempotent) and take it.
            handle.execute("INSERT IGNORE INTO openml_auth_lock (name) VALUES ('signup')");
            handle.createQuery(sql).mapTo(String.class).one();
        }
    }

    @Override
    public Optional<UniqueKey> violatedUniqueKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() == ER_DUP_ENTRY) {
                Matcher m = DUPLICATE_KEY.matcher(String.valueOf(e.getMessage()));
                return m.find() ? users.keyOfIndex(m.group(1)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * NULL: the legacy {@code *_selector} columns are UNIQUE, so a shared placeholder such as
     * {@code "0000"} would let only one account exist; NULLs never collide.
     */
    @Override
    public Optional<String> newSelectorValue() {
        return Optional.empty();
    }

    @Override
    public String upsert(String insert, String keyColumn, String assignments) {
        return insert + " ON DUPLICATE KEY UPDATE " + assignments;
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    /** MySQL's TIMESTAMP keeps whole seconds (and would round, not cut, a fraction). */
    @Override
    public Object legacyTimestamp(Instant at) {
        return Timestamp.from(at.truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public String describe(Throwable failure) {
        String first = null;
        String last = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                String message = scrub(t.getMessage());
                if (first == null) first = message;
                last = message;
            }
        }
        if (first == null) return failure.getClass().getSimpleName();
        // The pool's "Connection is not available" names the wait; the driver's cause names the reason.
        return first.equals(last) || first.contains(last) ? first : first + " (" + last + ")";
    }

    private static String scrub(String message) {
        return QUOTED_VALUE.matcher(message).replaceAll("$1 '...'").replaceAll("\\s+", " ").strip();
    }

    @Override
    public String toString() {
        return database();
    }
}
