package org.openml.auth.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.openml.auth.core.error.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' tools for a MySQL/MariaDB database, outside the running stores: fill a new database
 * with OpenML's tables ({@code init-db --legacy}) and look at one without changing it
 * ({@code doctor}). Each opens its own connection and closes it.
 */
public final class JdbcSchemaTools {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSchemaTools.class);

    private JdbcSchemaTools() {}

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
        MysqlDialect dialect = MysqlDialect.of(config);
        MysqlConnections connections = new MysqlConnections(config);
        try {
            try (Connection c = connections.connect(false); Statement s = c.createStatement()) {
                // The name was checked by MysqlConfig (letters, digits, _ $ -), so quoting it is enough.
                s.execute("CREATE DATABASE IF NOT EXISTS `" + config.database()
                        + "` DEFAULT CHARACTER SET latin1 COLLATE latin1_swedish_ci");
            }
            try (Connection c = connections.connect(true); Statement s = c.createStatement()) {
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
        try (JdbcStores stores = JdbcStores.mysql(config)) {
            return stores.schemaReport().orElseThrow();
        }
    }

    /**
     * Looks at a MySQL/MariaDB database the way {@link JdbcStores#mysql} would, changing nothing:
     * for {@code doctor}, against production.
     *
     * @throws StoreUnavailableException when the server cannot be reached
     */
    public static SchemaReport inspectMysql(MysqlConfig config) {
        Objects.requireNonNull(config, "config");
        MysqlDialect dialect = MysqlDialect.of(config);
        try (Connection c = new MysqlConnections(config).connect(true); Handle h = Jdbi.open(c)) {
            h.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
            return new StoreEdge(dialect).callUngated("inspect the schema", () -> dialect.inspect(h));
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot connect to " + dialect.database() + ": " + dialect.describe(e), e);
        }
    }
}
