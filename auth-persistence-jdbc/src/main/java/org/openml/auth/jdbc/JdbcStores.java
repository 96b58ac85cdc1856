package org.openml.auth.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.port.out.ApiKeyStore;
import org.openml.auth.core.port.out.AuditEventStore;
import org.openml.auth.core.port.out.AttemptLimiter;
import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.core.port.out.ChallengeStore;
import org.openml.auth.core.port.out.PasskeyStore;
import org.openml.auth.core.port.out.OneTimeTokenStore;
import org.openml.auth.core.port.out.SessionRevocationStore;
import org.openml.auth.core.port.out.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account stores on a SQL database: the entry point of this module. Holds a connection pool;
 * {@link #close()} it when the application stops.
 *
 * <pre>{@code
 * try (JdbcStores stores = JdbcStores.sqlite(Path.of("data/openml-auth.db"))) {
 *     AuthServices services = AuthServices.builder().stores(stores)…build();
 * }
 * }</pre>
 *
 * <p>Two databases: an embedded SQLite file ({@link #sqlite}), whose whole schema this module
 * creates, and OpenML's existing MySQL/MariaDB user database ({@link #mysql},
 * {@link #mysqlInBackground}), where it creates only its own tables and adapts to the
 * {@code users} table it finds ({@link #schemaReport()} says what that was). An application with
 * its own connection pool hands it over with {@link #create(DataSource)} instead. Operators'
 * tools (fill a new database, inspect one) are in {@link JdbcSchemaTools}.
 *
 * <p>Every store method either works or throws {@link StoreUnavailableException}, whose message
 * says which operation failed and why, without values from the rows. The stores are safe for
 * concurrent use by many threads.
 */
public final class JdbcStores implements AuthStores, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStores.class);

    /** The pool this module opened and closes; null when the application's own was given ({@link #create}). */
    private final AutoCloseable ownPool;
    private volatile boolean closed;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final StoreEdge edge;
    private final JdbcUserStore users;
    private final JdbcOneTimeTokenStore confirmationTokens;
    private final JdbcOneTimeTokenStore resetTokens;
    private final ApiKeyStore apiKeys;
    private final ChallengeStore challenges;
    private final AttemptLimiter attempts;
    private final JdbcPasskeyStore passkeys;
    private final JdbcExternalIdentityStore externalIdentities;
    private final AuditEventStore auditEvents;
    private final JdbcSessionRevocationStore sessionRevocations;
    private final JdbcUnprovenEmailStore unprovenEmails;
    private final JdbcMailOutbox mailOutbox;
    private final JdbcAccountRemovalStore accountRemoval;
    private final JdbcDeviceSessionStore deviceSessions;
    private final JdbcEmailChangeStore emailChanges;
    private final JdbcAccountLockStore accountLocks;
    /** Null until the schema is prepared. */
    private volatile Schema schema;
    /** Runs the start-up attempts of {@link #mysqlInBackground}; null otherwise. */
    private volatile BackgroundStart starter;

    private JdbcStores(DataSource dataSource, AutoCloseable ownPool, Dialect dialect, String notReady) {
        this.ownPool = ownPool;
        this.jdbi = Jdbi.create(dataSource);
        // Jdbi would put the statement and its bound values (hashes, keys, addresses) into
        // exception messages, and from there into logs. Keep only the driver's message.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.dialect = dialect;
        this.edge = new StoreEdge(dialect, notReady);
        this.users = new JdbcUserStore(jdbi, dialect, edge);
        this.confirmationTokens = new JdbcOneTimeTokenStore(jdbi, edge, JdbcOneTimeTokenStore.Table.CONFIRMATION);
        this.resetTokens = new JdbcOneTimeTokenStore(jdbi, edge, JdbcOneTimeTokenStore.Table.RESET);
        this.apiKeys = new ApiKeysWhereSupported(new JdbcApiKeyStore(dataSource, jdbi, dialect, edge,
                () -> schema == null || schema.users().has("session_hash_date")),
                () -> Optional.ofNullable(schema), dialect.database());
        this.challenges = new JdbcChallengeStore(jdbi, dialect, edge);
        this.attempts = new JdbcAttemptLimiter(jdbi, dialect, edge);
        this.passkeys = new JdbcPasskeyStore(jdbi, dialect, edge);
        this.externalIdentities = new JdbcExternalIdentityStore(jdbi, dialect, edge);
        this.auditEvents = new JdbcAuditEventStore(jdbi, edge);
        this.sessionRevocations = new JdbcSessionRevocationStore(dataSource, jdbi, dialect, edge);
        this.unprovenEmails = new JdbcUnprovenEmailStore(jdbi, dialect, edge);
        this.mailOutbox = new JdbcMailOutbox(jdbi, edge);
        this.accountRemoval = new JdbcAccountRemovalStore(jdbi, edge, () -> schema.users(), () -> schema.nextjs());
        this.deviceSessions = new JdbcDeviceSessionStore(dataSource, jdbi, dialect, edge);
        this.emailChanges = new JdbcEmailChangeStore(jdbi, edge);
        this.accountLocks = new JdbcAccountLockStore(jdbi, dialect, edge);
    }

    /**
     * Opens (creating it and its parent directories when missing) the SQLite database in
     * {@code file}, and creates the schema on first use. Safe to call again on the same file, also
     * from another process: the schema is only created where missing.
     *
     * <p>The file is set up for concurrent writers: WAL journal, a 10 s busy timeout, and write
     * transactions that take SQLite's lock when they begin, so writers queue instead of failing
     * with SQLITE_BUSY.
     *
     * @throws StoreUnavailableException when the file cannot be opened or its schema is not usable
     *     (for example, made by a newer version of this server)
     */
    public static JdbcStores sqlite(Path file) {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath().normalize();
        try {
            Path parent = absolute.getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the directory for the SQLite database " + absolute + ": " + e, e);
        }
        SqliteDialect dialect = new SqliteDialect(absolute.toString());
        com.zaxxer.hikari.HikariDataSource pool;
        try {
            pool = SqliteDialect.openPool(absolute);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open the SQLite database " + absolute + ": " + dialect.describe(e), e);
        }
        return openNow(pool, pool, dialect);
    }

    /**
     * Connects to OpenML's MySQL/MariaDB database now, creates this module's tables where missing
     * (never touching {@code users}, {@code groups}, {@code users_groups}), and checks the
     * {@code users} table. Safe when several servers start at once: they take turns on a
     * database lock, and every step is idempotent.
     *
     * @throws StoreUnavailableException when the database cannot be reached, or its schema cannot be
     *     used (the message lists why, e.g. no {@code users} table)
     */
    public static JdbcStores mysql(MysqlConfig config) {
        Objects.requireNonNull(config, "config");
        var pool = new MysqlConnections(config).openPool();
        return openNow(pool, pool, MysqlDialect.of(config));
    }

    /**
     * As {@link #mysql}, but returns at once and connects in the background, so a server can start
     * (and answer its health check) while its database is still down. Until the first successful
     * attempt, {@link #isReady()} is false and every store call fails at once with
     * {@link StoreUnavailableException} naming the last reason; failed attempts are logged and
     * retried after {@link MysqlConfig#retryDelay()}, doubling up to {@link MysqlConfig#maxRetryDelay()}.
     */
    public static JdbcStores mysqlInBackground(MysqlConfig config) {
        Objects.requireNonNull(config, "config");
        MysqlDialect dialect = MysqlDialect.of(config);
        var pool = new MysqlConnections(config).openPool();
        JdbcStores stores = new JdbcStores(pool, pool, dialect, "connecting to the database");
        stores.starter = BackgroundStart.begin(dialect.database(), stores::prepare, stores.edge::shut, () -> stores.closed,
                config.retryDelay(), config.maxRetryDelay());
        return stores;
    }

    /**
     * The stores on an application's own connection pool (Jdbi's own entry point takes the same),
     * SQLite or MySQL/MariaDB as its driver says; prepares the schema now, as {@link #sqlite} and
     * {@link #mysql} do. {@link #close()} leaves the pool open: it is the application's.
     *
     * <p>The stores rely on a few connection settings that {@link #sqlite}/{@link #mysql} make
     * themselves; give the pool the same (a warning is logged where one is missing):
     * <ul>
     *   <li>SQLite: WAL journal, a busy timeout, {@code foreign_keys=ON} and IMMEDIATE transactions
     *       ({@code SQLiteConfig.setTransactionMode(IMMEDIATE)}), so writers queue instead of failing;</li>
     *   <li>MySQL/MariaDB: READ COMMITTED isolation (no gap-lock deadlocks between token issues),
     *       {@code connectionTimeZone=UTC} and {@code forceConnectionTimeZoneToSession=true}
     *       ({@code users.session_hash_date} is a TIMESTAMP), {@code characterEncoding=UTF-8}.</li>
     * </ul>
     *
     * @throws StoreUnavailableException when the database cannot be reached, is neither SQLite nor
     *     MySQL/MariaDB, or its schema cannot be used
     */
    public static JdbcStores create(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return openNow(dataSource, null, Dialects.detect(dataSource));
    }

    private static JdbcStores openNow(DataSource dataSource, AutoCloseable ownPool, Dialect dialect) {
        JdbcStores stores;
        try {
            stores = new JdbcStores(dataSource, ownPool, dialect, "preparing the schema");
        } catch (RuntimeException e) {
            closeQuietly(ownPool);
            throw e;
        }
        try {
            stores.prepare();
            return stores;
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    /** Prepares the schema, then opens the stores. */
    private void prepare() {
        Schema prepared = edge.callUngated("prepare the schema", () -> dialect.prepareSchema(jdbi));
        users.use(prepared.users());
        passkeys.use(prepared.nextjs().passkeys());
        confirmationTokens.use(prepared.nextjs());
        resetTokens.use(prepared.nextjs());
        schema = prepared;
        SchemaReport report = prepared.report();
        LOG.info("{}: {}", dialect.database(), report.summary());
        report.findings().forEach(f -> LOG.info("{}: {}", dialect.database(), f));
        report.warnings().forEach(w -> LOG.warn("{}: {}", dialect.database(), w));
        edge.open();
    }

    /**
     * What start-up found in the database (schema version, optional columns, features they switch
     * off); empty while the stores are not ready yet.
     */
    public Optional<SchemaReport> schemaReport() {
        return Optional.ofNullable(schema).map(Schema::report);
    }

    /**
     * Takes over the links OpenML's Next.js app mailed and that are still pending: each becomes a
     * hashed token of this server (same user, same expiry), and every plaintext row of that app's
     * token tables is deleted. Run it once the Next.js app no longer serves its confirmation and
     * reset pages; until then this server redeems those links in place. Nothing to do (and an
     * empty list) when the database has no such tables.
     *
     * @return what was done, one line per kind, for the operator
     * @throws StoreUnavailableException when the database fails (then nothing was changed: one transaction)
     */
    public List<String> takeOverNextjsLinks() {
        NextjsTables tables = schema == null ? NextjsTables.NONE : schema.nextjs();
        if (!tables.confirmationTokens() && !tables.resetTokens()) return List.of();
        NextjsAdoption done = edge.call("take over the Next.js app's links", () -> jdbi.inTransaction(h ->
                NextjsAdoption.takeOver(h, tables)));
        return List.of("took over " + done.confirmations() + " pending confirmation and " + done.resets()
                        + " pending reset link(s) of the Next.js app into " + tables.confirmationTable() + " and "
                        + tables.resetTable() + " (hashed)",
                "removed " + (done.confirmations() + done.resets() + done.stale()) + " plaintext row(s) from the Next.js"
                        + " app's token tables (" + done.stale() + " of them expired, used or superseded)");
    }

    /** Accounts ({@code users}, {@code users_groups}). */
    public UserStore users() {
        return users;
    }

    /** Email-confirmation tokens ({@code email_confirmation_token}). */
    public OneTimeTokenStore confirmationTokens() {
        return confirmationTokens;
    }

    /** Password-reset tokens ({@code password_reset_token}). */
    public OneTimeTokenStore resetTokens() {
        return resetTokens;
    }

    /** API keys ({@code users.session_hash}) and their regeneration audit ({@code api_key_audit}). */
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    /** Links to GitHub / Google accounts ({@code users.external_source}, {@code users.external_id}; one per account). */
    public org.openml.auth.core.port.out.ExternalIdentityStore externalIdentities() {
        return externalIdentities;
    }

    /** Short-lived ceremony state ({@code auth_challenge}): WebAuthn challenges, OAuth state. */
    public ChallengeStore challenges() {
        return challenges;
    }

    /** Brute-force and abuse counters ({@code auth_attempt}), shared by every node on this database. */
    @Override
    public AttemptLimiter attempts() {
        return attempts;
    }

    /**
     * Passkeys ({@code user_passkeys}): raw credential ids written, OpenML's base64url-text ids read
     * too. On MySQL/MariaDB the table is not created yet by this version.
     */
    public PasskeyStore passkeys() {
        return passkeys;
    }

    /** The audit log ({@code audit_event}): each account's security events, bounded per account. */
    @Override
    public AuditEventStore auditEvents() {
        return auditEvents;
    }

    /** Per-user session cut-offs ({@code session_revocation}): sessions signed in before them are refused. */
    @Override
    public SessionRevocationStore sessionRevocations() {
        return sessionRevocations;
    }

    /** Active accounts whose address is not proven yet ({@code unproven_email}). */
    @Override
    public org.openml.auth.core.port.out.UnprovenEmailStore unprovenEmails() {
        return unprovenEmails;
    }

    /** Mails waiting for the background sender ({@code mail_outbox}), shared by every node on this database. */
    @Override
    public org.openml.auth.core.port.out.MailOutbox mailOutbox() {
        return mailOutbox;
    }

    /**
     * Where OpenML keeps who uploaded what: {@code dataset.uploader}, {@code implementation.uploader}
     * (flows), {@code run.uploader}, {@code task.creator}, {@code study.creator}.
     */
    public static final List<String> OPENML_UPLOAD_COLUMNS = List.of("dataset.uploader", "implementation.uploader",
            "run.uploader", "task.creator", "study.creator");

    /**
     * OpenML's rule for account deletion on this database: whether an account owns uploads, looked
     * up in {@code columns} ({@code table.column} or {@code database.table.column}, e.g.
     * {@link #OPENML_UPLOAD_COLUMNS}, or the same prefixed with OpenML's experiment database).
     * Columns that do not exist are skipped, so a database without upload tables counts none.
     *
     * @throws IllegalArgumentException naming an entry that is not a column name
     */
    public org.openml.auth.core.port.out.AccountUploads uploads(List<String> columns) {
        return new JdbcAccountUploads(jdbi, edge, columns.stream().map(JdbcAccountUploads.UploadColumn::parse).toList());
    }

    /**
     * Has the connection pool this module opened report to {@code meterRegistry} (a Micrometer
     * {@code MeterRegistry}; HikariCP's own metrics: connections active, idle, pending, timeouts,
     * acquire and usage times). Does nothing for an application's own pool ({@link #create}).
     */
    public void bindPoolMetrics(Object meterRegistry) {
        if (ownPool instanceof com.zaxxer.hikari.HikariDataSource hikari) hikari.setMetricRegistry(meterRegistry);
    }

    /** Deleting and anonymising accounts, each in one transaction over every table above. */
    @Override
    public org.openml.auth.core.port.out.AccountRemovalStore accountRemoval() {
        return accountRemoval;
    }

    /** Where each session is recorded ({@code user_session}), checked with its user's cut-off in one statement. */
    @Override
    public org.openml.auth.core.port.out.DeviceSessionStore deviceSessions() {
        return deviceSessions;
    }

    /** Accounts an operator or admin locked ({@code account_lock}). */
    @Override
    public org.openml.auth.core.port.out.AccountLockStore accountLocks() {
        return accountLocks;
    }

    /** Pending changes of address ({@code email_change_token}). */
    @Override
    public org.openml.auth.core.port.out.EmailChangeStore emailChanges() {
        return emailChanges;
    }

    /**
     * Runs a trivial query, for readiness checks and {@code doctor}.
     *
     * @throws StoreUnavailableException when the database does not answer
     */
    public void ping() {
        edge.callUngated("answer a ping", () -> jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()));
    }

    /** Whether the schema is prepared and the database answers now; never throws. */
    public boolean isReady() {
        // Not prepared yet: the background start-up logs why, so say nothing here.
        if (closed || !edge.isOpen()) return false;
        try {
            ping();
            return true;
        } catch (StoreUnavailableException e) {
            LOG.warn("{} is not ready: {}", dialect.database(), e.getMessage());
            return false;
        }
    }

    /**
     * Closes the connection pool this module opened (not an application's, given to
     * {@link #create}); the stores fail afterwards. Calling it again does nothing.
     */
    @Override
    public void close() {
        BackgroundStart start = starter;
        if (start != null) start.stop();
        if (closed) return;
        closed = true;
        edge.shut("the stores are closed");
        if (ownPool != null) {
            closeQuietly(ownPool);
            LOG.info("{}: closed", dialect.database());
        }
    }

    private static void closeQuietly(AutoCloseable pool) {
        if (pool == null) return;
        try {
            pool.close();
        } catch (Exception e) {
            LOG.warn("closing the connection pool failed: {}", e.toString());
        }
    }

    /**
     * Which database this is, for logs and {@code doctor} ("SQLite database /var/lib/…/auth.db",
     * "MySQL database openml on db:3306"); never credentials.
     */
    @Override
    public String toString() {
        return dialect.database();
    }
}
