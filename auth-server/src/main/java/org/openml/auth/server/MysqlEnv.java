package org.openml.auth.server;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.openml.auth.jdbc.MysqlConfig;

/**
 * Reads the MySQL/MariaDB settings, as OpenML's Next.js app names them: {@code DATABASE_URL}
 * ({@code mysql://user:password@host:port/database}) or {@code MYSQL_HOST} with
 * {@code MYSQL_PORT}, {@code MYSQL_USER}, {@code MYSQL_PASSWORD}, {@code MYSQL_DATABASE}; plus this
 * server's {@code MYSQL_POOL_SIZE}, {@code MYSQL_CONNECT_TIMEOUT}, {@code MYSQL_SOCKET_TIMEOUT},
 * {@code MYSQL_SSL_MODE}, {@code MYSQL_RETRY_MAX_DELAY}. Never puts a password into a problem or warning.
 */
final class MysqlEnv {
    static final String DEFAULT_USER = "root";
    private static final List<String> PARTS = List.of("MYSQL_PORT", "MYSQL_USER", "MYSQL_PASSWORD", "MYSQL_DATABASE");
    private static final List<String> TUNING = List.of("MYSQL_POOL_SIZE", "MYSQL_CONNECT_TIMEOUT", "MYSQL_SOCKET_TIMEOUT",
            "MYSQL_SSL_MODE", "MYSQL_RETRY_MAX_DELAY");

    private MysqlEnv() {}

    /** Where the database is, before the tuning knobs are added; {@code options} from DATABASE_URL's query. */
    private record Location(String host, int port, String user, Optional<String> password, String database,
            UrlOptions options) {}

    /** The settings DATABASE_URL's {@code ?options} gave (the forms mysql2, Prisma and JDBC users write). */
    record UrlOptions(Optional<MysqlConfig.SslMode> ssl, Optional<Duration> connectTimeout, Optional<Duration> socketTimeout,
            Optional<Integer> poolSize) {
        static final UrlOptions NONE = new UrlOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Every option name accepted in DATABASE_URL, for the message that refuses another. */
    static final List<String> URL_OPTIONS = List.of("ssl-mode", "sslmode", "sslMode", "ssl", "sslaccept", "charset",
            "characterEncoding", "connectTimeout", "connect_timeout", "socketTimeout", "socket_timeout", "connectionLimit",
            "connection_limit", "timezone");

    /** The MySQL settings, or empty when neither DATABASE_URL nor MYSQL_HOST is set (SQLite then). */
    static Optional<MysqlConfig> read(EnvReader r, List<String> warnings, boolean production) {
        Optional<String> url = r.raw("DATABASE_URL").map(String::strip).filter(u -> !u.isEmpty());
        Optional<String> host = r.text("MYSQL_HOST");
        if (url.isEmpty() && host.isEmpty()) {
            for (String name : concat(PARTS, TUNING)) {
                if (r.raw(name).isPresent()) {
                    warnings.add(name + " is set but neither DATABASE_URL nor MYSQL_HOST is, so it is ignored"
                            + " (the server uses SQLite)");
                }
            }
            return Optional.empty();
        }
        Optional<Location> location;
        if (url.isPresent()) {
            if (host.isPresent() || PARTS.stream().anyMatch(n -> r.raw(n).isPresent())) {
                warnings.add("DATABASE_URL is set, so MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD and"
                        + " MYSQL_DATABASE are ignored");
            }
            location = fromUrl(url.get(), r);
        } else {
            int port = r.integer("MYSQL_PORT", MysqlConfig.DEFAULT_PORT, 1, 65535);
            Optional<String> database = r.text("MYSQL_DATABASE");
            if (database.isEmpty()) {
                r.problem("MYSQL_DATABASE is required with MYSQL_HOST: the database that holds OpenML's users table"
                        + " (usually openml)");
            }
            location = database.map(db -> new Location(host.get(), port, r.text("MYSQL_USER").orElse(DEFAULT_USER),
                    r.raw("MYSQL_PASSWORD"), db, UrlOptions.NONE));
        }
        UrlOptions options = location.map(Location::options).orElse(UrlOptions.NONE);
        int poolSize = fromUrlOr(r, "MYSQL_POOL_SIZE", options.poolSize(),
                () -> r.integer("MYSQL_POOL_SIZE", MysqlConfig.DEFAULT_POOL_SIZE, 1, 1000));
        Duration connect = fromUrlOr(r, "MYSQL_CONNECT_TIMEOUT", options.connectTimeout(),
                () -> r.duration("MYSQL_CONNECT_TIMEOUT", MysqlConfig.DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(250)));
        Duration socket = fromUrlOr(r, "MYSQL_SOCKET_TIMEOUT", options.socketTimeout(),
                () -> r.duration("MYSQL_SOCKET_TIMEOUT", MysqlConfig.DEFAULT_SOCKET_TIMEOUT, Duration.ofSeconds(1)));
        // Start-up retries while the database is down: 1 s (or less), doubling up to this.
        Duration retryMax = r.duration("MYSQL_RETRY_MAX_DELAY", MysqlConfig.DEFAULT_MAX_RETRY_DELAY, Duration.ofMillis(100));
        Duration retryFirst = retryMax.compareTo(MysqlConfig.DEFAULT_RETRY_DELAY) < 0 ? retryMax : MysqlConfig.DEFAULT_RETRY_DELAY;
        MysqlConfig.SslMode ssl = fromUrlOr(r, "MYSQL_SSL_MODE", options.ssl(), () -> MysqlConfig.SslMode.PREFERRED);
        Optional<String> sslText = options.ssl().isPresent() ? Optional.empty() : r.text("MYSQL_SSL_MODE");
        if (sslText.isPresent()) {
            Optional<MysqlConfig.SslMode> parsed = MysqlConfig.SslMode.parse(sslText.get());
            if (parsed.isEmpty()) {
                r.problem("MYSQL_SSL_MODE must be one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY, got '"
                        + sslText.get() + "'");
            } else {
                ssl = parsed.get();
            }
        }
        if (location.isEmpty()) return Optional.empty();
        Location at = location.get();
        if (production && ssl == MysqlConfig.SslMode.DISABLED && !isLoopback(at.host())) {
            warnings.add("MYSQL_SSL_MODE=DISABLED: the database password and every row travel to " + at.host()
                    + " unencrypted");
        }
        try {
            return Optional.of(MysqlConfig.builder(at.host(), at.database())
                    .port(at.port())
                    .credentials(at.user(), at.password().orElse(null))
                    .poolSize(poolSize)
                    .connectTimeout(connect)
                    .socketTimeout(socket)
                    .sslMode(ssl)
                    .retryDelays(retryFirst, retryMax)
                    .build());
        } catch (IllegalArgumentException e) {
            r.problem("MySQL settings: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Parses {@code mysql://user:password@host:port/database} strictly; problems never echo the password. */
    private static Optional<Location> fromUrl(String url, EnvReader r) {
        String shape = "DATABASE_URL must look like mysql://user:password@host:3306/database";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            r.problem(shape + " and is not a valid URL (URL-encode special characters of the password, e.g. @ as %40,"
                    + " / as %2F, # as %23)");
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("mysql")) {
            r.problem(shape + ", got the scheme '" + (scheme.isEmpty() ? "(none)" : scheme) + "': this server speaks"
                    + " MySQL/MariaDB only");
            return Optional.empty();
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            r.problem(shape + ", but it names no host (URL-encode special characters of the password, e.g. @ as %40)");
            return Optional.empty();
        }
        if (uri.getRawFragment() != null) {
            r.problem(shape + " without a #fragment (URL-encode # in the password as %23)");
            return Optional.empty();
        }
        Optional<UrlOptions> options = urlOptions(uri.getRawQuery(), r);
        if (options.isEmpty()) return Optional.empty();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? percentDecode(path.substring(1)) : "";
        if (database.isEmpty() || database.contains("/")) {
            r.problem(shape + ": the database name after the host is required (e.g. /openml)");
            return Optional.empty();
        }
        String user = DEFAULT_USER;
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (!rawUser.isEmpty()) user = percentDecode(rawUser);
            if (colon >= 0) password = Optional.of(percentDecode(userInfo.substring(colon + 1))).filter(p -> !p.isEmpty());
        }
        int port = uri.getPort() < 0 ? MysqlConfig.DEFAULT_PORT : uri.getPort();
        return Optional.of(new Location(uri.getHost().replaceAll("^\\[|\\]$", ""), port, user, password, database,
                options.get()));
    }

    /** The setting from DATABASE_URL when it has one (then the variable must not be set too), else from the variable. */
    private static <T> T fromUrlOr(EnvReader r, String variable, Optional<T> fromUrl, java.util.function.Supplier<T> fromEnv) {
        if (fromUrl.isEmpty()) return fromEnv.get();
        if (r.raw(variable).isPresent()) {
            r.problem(variable + " and an option of DATABASE_URL set the same thing; keep one of them");
        }
        return fromUrl.get();
    }

    /**
     * Maps DATABASE_URL's query ({@code ?ssl-mode=REQUIRED&connectTimeout=10000}) onto this server's
     * settings. Units follow the option's origin: mysql2's and JDBC's camelCase timeouts are
     * milliseconds, Prisma's snake_case ones seconds. Settings this server does not change (UTF-8
     * and UTC on every connection) are accepted when they ask for that, refused otherwise; an
     * unknown option is refused by name, never ignored.
     */
    static Optional<UrlOptions> urlOptions(String rawQuery, EnvReader r) {
        if (rawQuery == null || rawQuery.isEmpty()) return Optional.of(UrlOptions.NONE);
        Optional<MysqlConfig.SslMode> ssl = Optional.empty();
        Optional<Duration> connect = Optional.empty();
        Optional<Duration> socket = Optional.empty();
        Optional<Integer> pool = Optional.empty();
        boolean ok = true;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1)).strip();
            String lower = value.toLowerCase(Locale.ROOT);
            String bad = null;
            switch (name) {
                case "ssl-mode", "sslmode", "sslMode" -> {
                    Optional<MysqlConfig.SslMode> mode = switch (lower) {
                        case "disable" -> Optional.of(MysqlConfig.SslMode.DISABLED);
                        case "prefer", "allow" -> Optional.of(MysqlConfig.SslMode.PREFERRED);
                        case "require" -> Optional.of(MysqlConfig.SslMode.REQUIRED);
                        case "verify-full" -> Optional.of(MysqlConfig.SslMode.VERIFY_IDENTITY);
                        default -> MysqlConfig.SslMode.parse(value);
                    };
                    if (mode.isEmpty()) bad = "one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY";
                    ssl = mode;
                }
                case "ssl" -> {
                    if (lower.equals("true") || lower.equals("1")) ssl = Optional.of(MysqlConfig.SslMode.REQUIRED);
                    else if (lower.equals("false") || lower.equals("0")) ssl = Optional.of(MysqlConfig.SslMode.DISABLED);
                    else bad = "true or false (for certificate checks use ssl-mode=VERIFY_IDENTITY)";
                }
                case "sslaccept" -> {
                    if (lower.equals("strict")) ssl = Optional.of(MysqlConfig.SslMode.VERIFY_IDENTITY);
                    else if (lower.equals("accept_invalid_certs")) ssl = Optional.of(MysqlConfig.SslMode.REQUIRED);
                    else bad = "strict or accept_invalid_certs";
                }
                case "charset", "characterEncoding" -> {
                    if (!List.of("utf8", "utf8mb4", "utf-8", "utf8mb3").contains(lower)) {
                        bad = "utf8mb4 (this server always talks UTF-8 to the database; each column keeps its own character set)";
                    }
                }
                case "timezone" -> {
                    if (!List.of("z", "utc", "+00:00", "etc/utc").contains(lower)) {
                        bad = "Z or UTC (this server reads and writes times in UTC on every connection)";
                    }
                }
                case "connectTimeout", "connect_timeout", "socketTimeout", "socket_timeout" -> {
                    boolean seconds = name.contains("_");
                    Optional<Duration> d = positive(value).map(n -> seconds ? Duration.ofSeconds(n) : Duration.ofMillis(n));
                    if (d.isEmpty()) bad = "a whole number of " + (seconds ? "seconds" : "milliseconds") + " above 0";
                    if (name.startsWith("connect")) connect = d;
                    else socket = d;
                }
                case "connectionLimit", "connection_limit" -> {
                    Optional<Long> n = positive(value).filter(v -> v <= 1000);
                    if (n.isEmpty()) bad = "a number from 1 to 1000";
                    pool = n.map(Long::intValue);
                }
                default -> {
                    r.problem("DATABASE_URL has the option '" + name + "', which this server does not know; it knows "
                            + String.join(", ", URL_OPTIONS));
                    ok = false;
                }
            }
            if (bad != null) {
                r.problem("DATABASE_URL option " + name + " must be " + bad + ", got '" + value + "'");
                ok = false;
            }
        }
        return ok ? Optional.of(new UrlOptions(ssl, connect, socket, pool)) : Optional.empty();
    }

    private static Optional<Long> positive(String text) {
        try {
            long n = Long.parseLong(text);
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** %XX escapes as UTF-8 bytes; unlike form decoding, '+' stays '+'. A stray '%' stays as it is. */
    static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
