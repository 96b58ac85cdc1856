package org.openml.auth.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * How this module connects to MySQL/MariaDB from a {@link MysqlConfig}: the pool the stores use,
 * and single connections for the schema tools. (An application that passes its own pool to
 * {@link JdbcStores#create} skips this and should apply the same driver settings.)
 */
final class MysqlConnections {
    private final MysqlConfig config;

    MysqlConnections(MysqlConfig config) {
        this.config = config;
    }

    /** {@code jdbc:mysql://host:port/database}, without credentials. */
    String jdbcUrl(boolean withDatabase) {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "jdbc:mysql://" + host + ":" + config.port() + "/" + (withDatabase ? config.database() : "");
    }

    /** The driver settings every connection gets (credentials excluded). */
    Properties driverProperties() {
        Properties p = new Properties();
        // Java strings go over the wire as UTF-8 and the server converts them to each column's
        // character set; what a latin1 column cannot hold is refused before it gets there.
        p.setProperty("characterEncoding", "UTF-8");
        p.setProperty("sslMode", config.sslMode().name());
        p.setProperty("connectTimeout", Long.toString(config.connectTimeout().toMillis()));
        p.setProperty("socketTimeout", Long.toString(config.socketTimeout().toMillis()));
        p.setProperty("tcpKeepAlive", "true");
        // TIMESTAMP values (users.session_hash_date) are written as instants whatever the server's zone.
        p.setProperty("connectionTimeZone", "UTC");
        p.setProperty("forceConnectionTimeZoneToSession", "true");
        return p;
    }

    /**
     * A pool that starts without the database ({@code initializationFailTimeout=-1}): the server
     * comes up, says it is not ready, and connects when the database answers. A request waits at
     * most {@code connectTimeout} for a free connection, then fails (HTTP 503).
     */
    HikariDataSource openPool() {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("openml-auth-mysql");
        pool.setDriverClassName("com.mysql.cj.jdbc.Driver");
        pool.setJdbcUrl(jdbcUrl(true));
        pool.setUsername(config.user());
        config.password().ifPresent(pool::setPassword);
        pool.setDataSourceProperties(driverProperties());
        pool.setMaximumPoolSize(config.poolSize());
        pool.setConnectionTimeout(config.connectTimeout().toMillis());
        // Hikari wants the validation to fit inside the connection timeout.
        pool.setValidationTimeout(Math.max(250, Math.min(5_000, config.connectTimeout().toMillis() / 2)));
        pool.setInitializationFailTimeout(-1);
        pool.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
        pool.setAutoCommit(true);
        // READ COMMITTED: no gap locks, so two token issues (DELETE of a user's old tokens, then
        // INSERT) cannot deadlock each other, as they do under InnoDB's REPEATABLE READ. The sign-up
        // check needs no snapshot: it runs after taking the lock row, and reads what is committed.
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return new HikariDataSource(pool);
    }

    /** One connection outside the pool, for tools ({@code init-db}, {@code doctor}); the caller closes it. */
    Connection connect(boolean withDatabase) throws SQLException {
        Properties p = driverProperties();
        p.setProperty("user", config.user());
        config.password().ifPresent(pw -> p.setProperty("password", pw));
        return DriverManager.getConnection(jdbcUrl(withDatabase), p);
    }

}
