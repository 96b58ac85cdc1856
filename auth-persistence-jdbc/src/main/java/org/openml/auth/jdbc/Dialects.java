package org.openml.auth.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.openml.auth.core.error.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@link Dialect} an application's own pool speaks ({@link JdbcStores#create}), from its
 * driver's metadata, with a warning for each connection setting the stores rely on and it lacks.
 */
final class Dialects {
    private static final Logger LOG = LoggerFactory.getLogger(Dialects.class);

    private Dialects() {}

    static Dialect detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
            String url = withoutCredentials(meta.getURL());
            if (product.contains("sqlite")) {
                Dialect dialect = new SqliteDialect(url.replaceFirst("^jdbc:sqlite:", ""));
                warnUnless(pragma(c, "journal_mode").equalsIgnoreCase("wal"), dialect, "its journal mode is not WAL");
                warnUnless(pragma(c, "foreign_keys").equals("1"), dialect, "foreign_keys is off");
                return dialect;
            }
            if (product.contains("mysql") || product.contains("mariadb")) {
                Dialect dialect = new MysqlDialect(c.getCatalog(), url.replaceFirst("^jdbc:(mysql|mariadb):(//)?", ""));
                warnUnless(c.getTransactionIsolation() == Connection.TRANSACTION_READ_COMMITTED, dialect,
                        "its connections are not READ COMMITTED");
                return dialect;
            }
            throw new StoreUnavailableException("the DataSource is a " + meta.getDatabaseProductName()
                    + " database; the stores run on SQLite or MySQL/MariaDB", null);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot connect through the DataSource: " + e.getMessage(), e);
        }
    }

    // URLs may carry user=/password= in their query, or user:password@ before the host.
    private static String withoutCredentials(String url) {
        String text = url == null ? "the application's DataSource" : url;
        int query = text.indexOf('?');
        if (query >= 0) text = text.substring(0, query);
        return text.replaceFirst("//[^/@]*@", "//");
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? String.valueOf(rs.getString(1)) : "";
        }
    }

    private static void warnUnless(boolean fine, Dialect dialect, String problem) {
        if (!fine) {
            LOG.warn("{}: {}; the stores expect the connection settings JdbcStores.create documents (or use"
                    + " JdbcStores.sqlite/mysql, which make them)", dialect.database(), problem);
        }
    }
}
