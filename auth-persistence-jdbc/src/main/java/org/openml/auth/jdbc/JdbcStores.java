package org.openml.auth.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.port.out.ApiKeyStore;
import org.openml.auth.core.port.out.AuditEventStore;
import org.openml.auth.core.port.out.AttemptLimiter;
import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.core.port.out.ChallengeStore;
import org.openml.auth.core.port.out.EmailConfirmationTokenStore;
import org.openml.auth.core.port.out.PasskeyStore;
import org.openml.auth.core.port.out.PasswordResetTokenStore;
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
 *     AuthServices services = AuthServices.builder()
 *             .users(stores.users())
 *             .confirmationTokens(stores.confirmationTokens())
 *             .resetTokens(stores.resetTokens())
 *             …
 * }
 * }</pre>
 *
 * <p>Two databases: an embedded SQLite file ({@link #sqlite}), whose whole schema this module
 * creates, and OpenML's existing MySQL/MariaDB user database ({@link #mysql},
 * {@link #mysqlInBackground}), where it creates only its own tables and adapts to the
 * {@code users} table it finds ({@link #schemaReport()} says what that was).
 *
 * <p>Every store method either works or throws {@link StoreUnavailableException}, whose message
 * says which operation failed and why, without values from the rows. The stores are safe for
 * concurrent use by many threads.
 */
public final class JdbcStores implements AuthStores, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStores.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final StoreEdge edge;
    private final JdbcUserStore users;
    private final EmailConfirmationTokenStore confirmationTokens;
    private final PasswordResetTokenStore resetTokens;
    private final ApiKeyStore apiKeys;
    private final ChallengeStore challenges;
    private final AttemptLimiter attempts;
    private final PasskeyStore passkeys;
    private final JdbcExternalIdentityStore externalIdentities;
    private final AuditEventStore auditEvents;
    private final JdbcSessionRevocationStore sessionRevocations;
    private final JdbcUnprovenEmailStore unprovenEmails;
    private final JdbcMailOutbox mailOutbox;
    /** Null until the schema is prepared. */
    private volatile Schema schema;
    /** Runs the start-up attempts of {@link #mysqlInBackground}; null otherwise. */
    private volatile ScheduledExecutorService starter;

    private JdbcStores(HikariDataSource dataSource, Dialect dialect, String notReady) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // Jdbi would put the statement and its bound values (hashes, keys, addresses) into
        // exception messages, and from there into logs. Keep only the driver's message.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.dialect = dialect;
        this.edge = new StoreEdge(dialect, notReady);
        this.users = new JdbcUserStore(jdbi, dialect, edge);
        this.confirmationTokens = new JdbcEmailConfirmationTokenStore(jdbi, edge);
        this.resetTokens = new JdbcPasswordResetTokenStore(jdbi, edge);
        this.apiKeys = new ApiKeysWhereSupported(new JdbcApiKeyStore(jdbi, dialect, edge),
                () -> Optional.ofNullable(schema), dialect.database());
        this.challenges = new JdbcChallengeStore(jdbi, dialect, edge);
        this.attempts = new JdbcAttemptLimiter(jdbi, dialect, edge);
        this.passkeys = new JdbcPasskeyStore(jdbi, edge);
        this.externalIdentities = new JdbcExternalIdentityStore(jdbi, dialect, edge);
        this.auditEvents = new JdbcAuditEventStore(jdbi, edge);
        this.sessionRevocations = new JdbcSessionRevocationStore(dataSource, jdbi, dialect, edge);
        this.unprovenEmails = new JdbcUnprovenEmailStore(jdbi, dialect, edge);
        this.mailOutbox = new JdbcMailOutbox(jdbi, edge);
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
        SqliteDialect dialect = new SqliteDialect(absolute);
        HikariDataSource dataSource;
        try {
            dataSource = dialect.openPool();
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open the SQLite database " + absolute + ": " + dialect.describe(e), e);
        }
        return openNow(dataSource, dialect);
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
        MysqlDialect dialect = new MysqlDialect(config);
        return openNow(dialect.openPool(), dialect);
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
        MysqlDialect dialect = new MysqlDialect(config);
        JdbcStores stores = new JdbcStores(dialect.openPool(), dialect, "connecting to the database");
        stores.prepareInBackground(config.retryDelay(), config.maxRetryDelay());
        return stores;
    }

    /**
     * Fills an empty MySQL/MariaDB database with OpenML's legacy structure ({@code users},
     * {@code groups} with its three groups, {@code users_groups}, {@code login_attempts}, and the
     * rest of OpenML's user database, latin1 as in production), then this module's tables. Creates
     * the database itself (latin1) when it does not exist.
     *
     * @return what the stores then find
     * @throws IllegalStateException when the database already holds tables: this is for new databases only
     * @throws StoreUnavailableException when the server cannot be reached or refuses a statement
     */
    public static SchemaReport createLegacyMysqlSchema(MysqlConfig config) {
        Objects.requireNonNull(config, "config");
        MysqlDialect dialect = new MysqlDialect(config);
        try {
            try (Connection c = dialect.connect(false); Statement s = c.createStatement()) {
                // The name was checked by MysqlConfig (letters, digits, _ $ -), so quoting it is enough.
                s.execute("CREATE DATABASE IF NOT EXISTS `" + config.database()
                        + "` DEFAULT CHARACTER SET latin1 COLLATE latin1_swedish_ci");
            }
            try (Connection c = dialect.connect(true); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")) {
                    while (rs.next()) tables.add(rs.getString(1));
                }
                if (!tables.isEmpty()) {
                    throw new IllegalStateException(dialect.database() + " is not empty (" + (tables.contains("users")
                            ? "users already exists" : "it holds " + String.join(", ", tables)) + "): --legacy only"
                            + " fills a new, empty database. On an existing OpenML database run `init-db` without"
                            + " --legacy, which adds only this server's tables.");
                }
                // On this connection only: the dump sets its own session SQL mode and time zone.
                for (String sql : SqlScript.load(MysqlDialect.LEGACY_SCRIPT)) s.execute(sql);
                for (String sql : SqlScript.load(MysqlDialect.LEGACY_GROUPS_SCRIPT)) s.execute(sql);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot create OpenML's tables in " + dialect.database() + ": "
                    + dialect.describe(e), e);
        }
        LOG.info("{}: created OpenML's legacy tables", dialect.database());
        try (JdbcStores stores = mysql(config)) {
            return stores.schemaReport().orElseThrow();
        }
    }

    /**
     * Looks at a MySQL/MariaDB database the way {@link #mysql} would, changing nothing: for
     * {@code doctor}, against production.
     *
     * @throws StoreUnavailableException when the server cannot be reached
     */
    public static SchemaReport inspectMysql(MysqlConfig config) {
        Objects.requireNonNull(config, "config");
        MysqlDialect dialect = new MysqlDialect(config);
        try (Connection c = dialect.connect(true); Handle h = Jdbi.open(c)) {
            h.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
            return new StoreEdge(dialect).callUngated("inspect the schema", () -> dialect.inspect(h));
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot connect to " + dialect.database() + ": " + dialect.describe(e), e);
        }
    }

    private static JdbcStores openNow(HikariDataSource dataSource, Dialect dialect) {
        JdbcStores stores;
        try {
            stores = new JdbcStores(dataSource, dialect, "preparing the schema");
        } catch (RuntimeException e) {
            dataSource.close();
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
        schema = prepared;
        SchemaReport report = prepared.report();
        LOG.info("{}: {}", dialect.database(), report.summary());
        report.findings().forEach(f -> LOG.info("{}: {}", dialect.database(), f));
        report.warnings().forEach(w -> LOG.warn("{}: {}", dialect.database(), w));
        edge.open();
    }

    private void prepareInBackground(Duration firstDelay, Duration maxDelay) {
        starter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "openml-auth-db-start");
            thread.setDaemon(true);
            return thread;
        });
        starter.execute(() -> attempt(1, firstDelay, maxDelay));
    }

    private void attempt(int number, Duration delay, Duration maxDelay) {
        if (dataSource.isClosed()) return;
        try {
            prepare();
            if (number > 1) LOG.info("{}: ready after {} attempts", dialect.database(), number);
            starter.shutdown();
        } catch (RuntimeException e) {
            if (dataSource.isClosed()) return;
            edge.shut(e.getMessage());
            LOG.warn("{} is not usable yet (attempt {}): {}. Retrying in {} ms; until then /ready answers 503 and"
                    + " requests that need the database fail with 503.", dialect.database(), number, e.getMessage(),
                    delay.toMillis());
            Duration next = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            try {
                starter.schedule(() -> attempt(number + 1, next, maxDelay), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // close() ran meanwhile: nothing left to start.
            }
        }
    }

    /**
     * What start-up found in the database (schema version, optional columns, features they switch
     * off); empty while the stores are not ready yet.
     */
    public Optional<SchemaReport> schemaReport() {
        return Optional.ofNullable(schema).map(Schema::report);
    }

    /** Accounts ({@code users}, {@code users_groups}). */
    public UserStore users() {
        return users;
    }

    /** Email-confirmation tokens ({@code email_confirmation_token}). */
    public EmailConfirmationTokenStore confirmationTokens() {
        return confirmationTokens;
    }

    /** Password-reset tokens ({@code password_reset_token}). */
    public PasswordResetTokenStore resetTokens() {
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
        if (dataSource.isClosed() || !edge.isOpen()) return false;
        try {
            ping();
            return true;
        } catch (StoreUnavailableException e) {
            LOG.warn("{} is not ready: {}", dialect.database(), e.getMessage());
            return false;
        }
    }

    /** Closes the connection pool; the stores fail afterwards. Calling it again does nothing. */
    @Override
    public void close() {
        ScheduledExecutorService start = starter;
        if (start != null) start.shutdownNow();
        if (!dataSource.isClosed()) {
            dataSource.close();
            LOG.info("{}: closed", dialect.database());
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
