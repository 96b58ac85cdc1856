package org.openml.auth.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.port.out.ApiKeyStore;
import org.openml.auth.core.port.out.ChallengeStore;
import org.openml.auth.core.port.out.EmailConfirmationTokenStore;
import org.openml.auth.core.port.out.PasswordResetTokenStore;
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
 * <p>Every store method either works or throws {@link StoreUnavailableException}, whose message
 * says which operation failed and why, without values from the rows. The stores are safe for
 * concurrent use by many threads.
 */
public final class JdbcStores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStores.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final StoreEdge edge;
    private final UserStore users;
    private final EmailConfirmationTokenStore confirmationTokens;
    private final PasswordResetTokenStore resetTokens;
    private final ApiKeyStore apiKeys;
    private final ChallengeStore challenges;

    private JdbcStores(HikariDataSource dataSource, Jdbi jdbi, Dialect dialect) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.edge = new StoreEdge(dialect);
        this.users = new JdbcUserStore(jdbi, dialect, edge);
        this.confirmationTokens = new JdbcEmailConfirmationTokenStore(jdbi, edge);
        this.resetTokens = new JdbcPasswordResetTokenStore(jdbi, edge);
        this.apiKeys = new JdbcApiKeyStore(jdbi, dialect, edge);
        this.challenges = new JdbcChallengeStore(jdbi, dialect, edge);
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
        return open(dataSource, dialect);
    }

    private static JdbcStores open(HikariDataSource dataSource, Dialect dialect) {
        try {
            Jdbi jdbi = Jdbi.create(dataSource);
            // Jdbi would put the statement and its bound values (hashes, keys, addresses) into
            // exception messages, and from there into logs. Keep only the driver's message.
            jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
            String schema = new StoreEdge(dialect).call("prepare the schema", () -> dialect.prepareSchema(jdbi));
            LOG.info("{}: {}", dialect.database(), schema);
            return new JdbcStores(dataSource, jdbi, dialect);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
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

    /** Short-lived ceremony state ({@code auth_challenge}): WebAuthn challenges, OAuth state. */
    public ChallengeStore challenges() {
        return challenges;
    }

    /**
     * Runs a trivial query, for readiness checks and {@code doctor}.
     *
     * @throws StoreUnavailableException when the database does not answer
     */
    public void ping() {
        edge.run("answer a ping", () -> jdbi.useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()));
    }

    /** Whether the database answers now; never throws. */
    public boolean isReady() {
        if (dataSource.isClosed()) return false;
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
        if (!dataSource.isClosed()) {
            dataSource.close();
            LOG.info("{}: closed", dialect.database());
        }
    }

    /** Which database this is, for logs and {@code doctor} ("SQLite database /var/lib/…/auth.db"). */
    @Override
    public String toString() {
        return dialect.database();
    }
}
