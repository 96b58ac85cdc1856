package org.openml.auth.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach a MySQL or MariaDB database (OpenML's existing one, or a fresh one). Immutable;
 * every problem is reported at once, in one {@link IllegalArgumentException}, when the value is
 * built. {@link #toString()} never shows the password.
 *
 * @param host           the server's host name or address
 * @param port           1 to 65535; MySQL's default is {@value #DEFAULT_PORT}
 * @param database       the schema (database) that holds OpenML's {@code users} table
 * @param user           the login
 * @param password       the password for {@code user}; empty for none
 * @param poolSize       connections kept open at most; requests beyond it wait up to {@code connectTimeout}
 * @param connectTimeout how long to wait for a new connection to the server, and for a free connection
 *                       of the pool; after that the call fails (HTTP 503) instead of hanging
 * @param socketTimeout  how long to wait for the server to answer a statement before the connection is
 *                       given up (a server that vanished without closing the connection)
 * @param sslMode        whether and how to use TLS (mysql-connector-j's {@code sslMode})
 * @param retryDelay     when the server cannot be reached at start-up: the wait before the first retry,
 *                       doubled after each failure up to {@code maxRetryDelay}
 * @param maxRetryDelay  the longest wait between two start-up attempts
 */
public record MysqlConfig(
        String host,
        int port,
        String database,
        String user,
        Optional<String> password,
        int poolSize,
        Duration connectTimeout,
        Duration socketTimeout,
        SslMode sslMode,
        Duration retryDelay,
        Duration maxRetryDelay) {

    public static final int DEFAULT_PORT = 3306;
    /** The connection limit of OpenML's Next.js app ({@code connectionLimit: 10}). */
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(30);

    /** TLS to the database, as mysql-connector-j's {@code sslMode} property names it. */
    public enum SslMode {
        /** No TLS. */
        DISABLED,
        /** TLS when the server offers it, without checking its certificate (the driver's default). */
        PREFERRED,
        /** TLS or no connection; the certificate is not checked. */
        REQUIRED,
        /** TLS with a certificate signed by a CA the JVM trusts. */
        VERIFY_CA,
        /** As {@link #VERIFY_CA}, and the certificate must name {@code host}. */
        VERIFY_IDENTITY;

        /** The mode named {@code text}, in any case; empty for an unknown name. */
        public static Optional<SslMode> parse(String text) {
            if (text == null) return Optional.empty();
            try {
                return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    public MysqlConfig {
        password = password == null ? Optional.empty() : password.filter(p -> !p.isEmpty());
        List<String> problems = new ArrayList<>();
        host = required(host, "MySQL host", problems);
        database = required(database, "MySQL database", problems);
        user = required(user, "MySQL user", problems);
        if (port < 1 || port > 65535) problems.add("MySQL port must be between 1 and 65535, was " + port);
        if (database != null && !database.isEmpty() && !database.matches("[A-Za-z0-9_$\\-]{1,64}")) {
            problems.add("MySQL database name may hold only letters, digits, '_', '$' and '-' (at most 64), was '"
                    + database + "'");
        }
        if (poolSize < 1 || poolSize > 1000) problems.add("MySQL pool size must be between 1 and 1000, was " + poolSize);
        if (sslMode == null) problems.add("MySQL SSL mode is required");
        checkDuration(connectTimeout, "MySQL connect timeout", Duration.ofMillis(250), problems);
        checkDuration(socketTimeout, "MySQL socket timeout", Duration.ofSeconds(1), problems);
        checkDuration(retryDelay, "MySQL retry delay", Duration.ofMillis(1), problems);
        checkDuration(maxRetryDelay, "MySQL maximum retry delay", Duration.ofMillis(1), problems);
        if (retryDelay != null && maxRetryDelay != null && maxRetryDelay.compareTo(retryDelay) < 0) {
            problems.add("MySQL maximum retry delay (" + maxRetryDelay + ") must not be shorter than the retry delay ("
                    + retryDelay + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid MySQL configuration: " + String.join("; ", problems));
        }
    }

    /** A builder starting from where the database is; everything else has its default. */
    public static Builder builder(String host, String database) {
        return new Builder(host, database);
    }

    /** {@code host:port/database}, for messages; never credentials. */
    public String endpoint() {
        return host + ":" + port + "/" + database;
    }

    /** This configuration with another database on the same server (tools and tests use scratch databases). */
    public MysqlConfig withDatabase(String other) {
        return new MysqlConfig(host, port, other, user, password, poolSize, connectTimeout, socketTimeout, sslMode,
                retryDelay, maxRetryDelay);
    }

    @Override
    public String toString() {
        return "MysqlConfig[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + ", password=" + (password.isPresent() ? "<redacted>" : "<none>") + ", poolSize=" + poolSize
                + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout + ", sslMode=" + sslMode
                + ", retryDelay=" + retryDelay + ", maxRetryDelay=" + maxRetryDelay + "]";
    }

    private static String required(String value, String name, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
            return value;
        }
        String stripped = value.strip();
        if (stripped.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            problems.add(name + " must not contain spaces or control characters");
        }
        return stripped;
    }

    private static void checkDuration(Duration value, String name, Duration min, List<String> problems) {
        if (value == null) {
            problems.add(name + " is required");
        } else if (value.compareTo(min) < 0) {
            problems.add(name + " must be at least " + min + ", was " + value);
        } else if (value.toMillis() > Integer.MAX_VALUE) {
            // The driver and the pool read these as int milliseconds.
            problems.add(name + " must be at most " + Duration.ofMillis(Integer.MAX_VALUE) + ", was " + value);
        }
    }

    /** Builds a {@link MysqlConfig}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final String host;
        private final String database;
        private int port = DEFAULT_PORT;
        private String user = "root";
        private String password;
        private int poolSize = DEFAULT_POOL_SIZE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private SslMode sslMode = SslMode.PREFERRED;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;
        private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;

        private Builder(String host, String database) {
            this.host = host;
            this.database = database;
        }

        /** Default {@value MysqlConfig#DEFAULT_PORT}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Default user {@code root} and no password. */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** Default {@value MysqlConfig#DEFAULT_POOL_SIZE}. */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** Default {@link MysqlConfig#DEFAULT_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Default {@link MysqlConfig#DEFAULT_SOCKET_TIMEOUT}. */
        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
            return this;
        }

        /** Default {@link SslMode#PREFERRED}. */
        public Builder sslMode(SslMode sslMode) {
            this.sslMode = sslMode;
            return this;
        }

        /** Defaults {@link MysqlConfig#DEFAULT_RETRY_DELAY} doubling up to {@link MysqlConfig#DEFAULT_MAX_RETRY_DELAY}. */
        public Builder retryDelays(Duration first, Duration max) {
            this.retryDelay = first;
            this.maxRetryDelay = max;
            return this;
        }

        /** @throws IllegalArgumentException listing every problem */
        public MysqlConfig build() {
            return new MysqlConfig(host, port, database, user, Optional.ofNullable(password), poolSize, connectTimeout,
                    socketTimeout, sslMode, retryDelay, maxRetryDelay);
        }
    }
}
