package org.openml.auth.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.usecase.AuthPolicy;
import org.openml.auth.core.usecase.OutboxPolicy;
import org.openml.auth.core.usecase.RateLimitPolicy;
import org.openml.auth.http.ClientAddress;
import org.openml.auth.jdbc.MysqlConfig;
import org.openml.auth.mail.SmtpConfig;
import org.openml.auth.webauthn.WebAuthnSettings;

/**
 * The standalone server's configuration, read once from the environment with the names OpenML's
 * current deployment uses. {@link #fromEnv(Map)} checks everything and lists every problem in one
 * {@link ConfigException}; secrets are redacted in {@link #toString()}.
 */
public record AuthServerConfig(
        int port,
        String host,
        URI publicUrl,
        URI linkBaseUrl,
        boolean production,
        String sessionSecret,
        boolean sessionSecretGenerated,
        List<String> previousSessionSecrets,
        Path sqlitePath,
        Optional<MysqlConfig> mysql,
        Optional<SmtpConfig> smtp,
        int hashThreads,
        int hashQueue,
        OAuthSettings oauth,
        WebAuthnSettings webAuthn,
        RateLimitPolicy rateLimits,
        List<String> trustedProxies,
        boolean enumerationProtection,
        boolean passkeyConditionalCreate,
        Duration sessionMaxLifetime,
        OutboxPolicy mailOutbox,
        List<String> uploadColumns,
        Duration shutdownGrace,
        boolean metrics,
        int metricsPort,
        boolean accessLog,
        Optional<String> signInPage,
        Optional<String> errorPage,
        List<String> warnings) {

    public static final int DEFAULT_PORT = 3050;
    public static final String DEFAULT_SQLITE_PATH = "data/openml-auth.db";
    public static final String DEFAULT_FROM = "OpenML <no-reply@openml.org>";

    /** Reads and validates the environment. */
    public static AuthServerConfig fromEnv(Map<String, String> env) {
        return fromEnv(new EnvReader(env));
    }

    /**
     * The variables the server reads with {@code env} set (some are read only when others are set,
     * as SMTP_PORT with SMTP_HOST); for checking deployment files against the real names.
     */
    static java.util.Set<String> variablesRead(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        try {
            fromEnv(r);
        } catch (ConfigException e) {
            // The names were read all the same.
        }
        return r.asked();
    }

    private static AuthServerConfig fromEnv(EnvReader r) {
        int port = r.integer("PORT", DEFAULT_PORT, 1, 65535);
        String host = r.text("HOST").orElse("0.0.0.0");
        boolean nodeEnvProduction = r.text("NODE_ENV").map(v -> v.equalsIgnoreCase("production")).orElse(false);

        URI publicUrl = r.url("NEXTAUTH_URL").orElse(URI.create("http://localhost:" + port));
        URI linkBase = r.url("NEXT_PUBLIC_URL").orElse(publicUrl);
        boolean production = nodeEnvProduction || "https".equalsIgnoreCase(publicUrl.getScheme());

        List<String> warnings = new ArrayList<>();
        Optional<String> secret = r.text("NEXTAUTH_SECRET");
        boolean generated = false;
        String sessionSecret;
        if (secret.isPresent()) {
            sessionSecret = secret.get();
            if (sessionSecret.length() < 32) {
                if (production) r.problem("NEXTAUTH_SECRET is too short (" + sessionSecret.length()
                        + " characters); use at least 32 random characters, e.g. `openssl rand -base64 32`");
                else warnings.add("NEXTAUTH_SECRET is shorter than 32 characters; use `openssl rand -base64 32` in production");
            }
        } else if (production) {
            sessionSecret = "";
            r.problem("NEXTAUTH_SECRET is required in production (NODE_ENV=production or an https NEXTAUTH_URL);"
                    + " generate one with `openssl rand -base64 32`");
        } else {
            sessionSecret = randomSecret();
            generated = true;
            warnings.add("NEXTAUTH_SECRET is not set: using a random secret, so sessions end when the server restarts"
                    + " and a Next.js front end cannot read them. Set NEXTAUTH_SECRET to keep sessions.");
        }
        List<String> previous = r.text("NEXTAUTH_SECRET_PREVIOUS")
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());

        // As OpenML's app decides: DATABASE_URL or MYSQL_HOST means MySQL, otherwise SQLite.
        Optional<MysqlConfig> mysql = MysqlEnv.read(r, warnings, production);
        Path sqlite = Path.of(r.text("SQLITE_PATH").orElse(DEFAULT_SQLITE_PATH));
        if (mysql.isPresent() && r.text("SQLITE_PATH").isPresent()) {
            warnings.add("SQLITE_PATH is ignored: DATABASE_URL / MYSQL_HOST select the MySQL/MariaDB database");
        }

        Optional<SmtpConfig> smtp = MailEnv.smtp(r, warnings);

        int cores = Runtime.getRuntime().availableProcessors();
        int hashThreads = r.integer("AUTH_HASH_THREADS", cores, 1, 256);
        int hashQueue = r.integer("AUTH_HASH_QUEUE", 16 * hashThreads, 0, 10_000);

        OAuthSettings oauth = ProvidersEnv.oauth(r);
        WebAuthnSettings webAuthn = ProvidersEnv.webAuthn(r, publicUrl, warnings);
        RateLimitPolicy rateLimits = LimitsEnv.rateLimits(r);
        List<String> trustedProxies = LimitsEnv.trustedProxies(r);
        // Strict mode hides which addresses have accounts at sign-up too; off by default because
        // OpenML's front end shows "Email already registered" (see docs/configuration.md).
        boolean enumerationProtection = r.bool("AUTH_ENUMERATION_PROTECTION", false);
        // After a password sign-in, the sign-in page asks the browser to save a passkey on its own (where supported).
        boolean conditionalCreate = r.bool("AUTH_PASSKEY_CONDITIONAL_CREATE", true);
        // However often it is refreshed, a session ends this long after its sign-in (ASVS V3.3.2).
        Duration sessionMaxLifetime = r.duration("AUTH_SESSION_MAX_LIFETIME", AuthPolicy.DEFAULTS.sessionMaxLifetime(),
                Duration.ofMinutes(5));
        OutboxPolicy outbox = MailEnv.outbox(r);
        List<String> uploadColumns = uploadColumns(r);
        // How long a stopping server still serves (and then waits for requests in flight).
        Duration shutdownGrace = r.duration("AUTH_SHUTDOWN_GRACE", Duration.ofSeconds(10), Duration.ZERO);
        // Prometheus text at /metrics: off unless asked; on its own port when one is given.
        boolean metrics = r.bool("AUTH_METRICS", false);
        int metricsPort = r.integer("AUTH_METRICS_PORT", 0, 0, 65535);
        if (metricsPort != 0 && !metrics) warnings.add("AUTH_METRICS_PORT is ignored: metrics are off (set AUTH_METRICS=true)");
        if (metrics && metricsPort == port && port != 0) r.problem("AUTH_METRICS_PORT must differ from PORT (" + port + ")");
        // LogSetup reads LOG_FORMAT and LOG_LEVEL itself, at the first log line; checked here so a typo
        // is named instead of falling back to text or INFO.
        String logFormat = r.text("LOG_FORMAT").orElse("text");
        if (!logFormat.equals("text") && !logFormat.equals("json")) r.problem("LOG_FORMAT must be text or json, got '" + logFormat + "'");
        r.text("LOG_LEVEL").filter(v -> LogSetup.level(v).isEmpty())
                .ifPresent(v -> r.problem("LOG_LEVEL must be " + LogSetup.LEVELS + ", got '" + v + "'"));
        // One line per request: on by default with JSON logs (they go to a log pipeline), off with text.
        boolean accessLog = r.bool("AUTH_ACCESS_LOG", logFormat.equals("json"));
        // Where next-auth's /api/auth/signin and /api/auth/error send the browser (e.g. OpenML's Next.js pages).
        Optional<String> signInPage = page(r, "AUTH_PAGE_SIGN_IN", publicUrl);
        Optional<String> errorPage = page(r, "AUTH_PAGE_ERROR", publicUrl);

        r.failIfProblems();
        return new AuthServerConfig(port, host, publicUrl, linkBase, production, sessionSecret, generated, previous, sqlite,
                mysql, smtp, hashThreads, hashQueue, oauth, webAuthn, rateLimits, trustedProxies, enumerationProtection,
                conditionalCreate, sessionMaxLifetime, outbox, uploadColumns, shutdownGrace, metrics, metricsPort, accessLog, signInPage, errorPage,
                List.copyOf(warnings));
    }

    /** A path on the public origin, or an http(s) URL on it (no open redirect through the setting either). */
    private static Optional<String> page(EnvReader r, String name, URI publicUrl) {
        Optional<String> value = r.text(name);
        if (value.isEmpty()) return value;
        String v = value.get();
        boolean path = v.startsWith("/") && !v.startsWith("//");
        boolean sameOrigin = v.startsWith(publicUrl.getScheme() + "://" + publicUrl.getAuthority() + "/");
        if (!path && !sameOrigin) {
            r.problem(name + " must be a path (/auth/sign-in) or a URL on NEXTAUTH_URL's origin, got '"
                    + org.openml.auth.core.domain.Printable.of(v, 80) + "'");
            return Optional.empty();
        }
        return value;
    }

    private static final java.util.regex.Pattern UPLOAD_COLUMN =
            java.util.regex.Pattern.compile("[A-Za-z0-9_$]{1,64}(\\.[A-Za-z0-9_$]{1,64}){1,2}");

    /**
     * Where account deletion looks for uploads (OpenML's rule: an account with uploads is
     * anonymised): {@code AUTH_UPLOAD_COLUMNS} ({@code table.column} or {@code database.table.column},
     * comma-separated; default OpenML's five), each {@code table.column} in {@code AUTH_UPLOADS_DATABASE}
     * when set (OpenML keeps them in its experiment database, e.g. {@code openml_expdb}).
     */
    private static List<String> uploadColumns(EnvReader r) {
        List<String> columns = r.text("AUTH_UPLOAD_COLUMNS")
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList())
                .orElse(org.openml.auth.jdbc.JdbcStores.OPENML_UPLOAD_COLUMNS);
        Optional<String> database = r.text("AUTH_UPLOADS_DATABASE");
        if (database.isPresent() && !database.get().matches("[A-Za-z0-9_$]{1,64}")) {
            r.problem("AUTH_UPLOADS_DATABASE must be a database name (letters, digits, _ and $), was '"
                    + org.openml.auth.core.domain.Printable.of(database.get(), 80) + "'");
        }
        List<String> result = new ArrayList<>();
        for (String column : columns) {
            if (!UPLOAD_COLUMN.matcher(column).matches()) {
                r.problem("AUTH_UPLOAD_COLUMNS: '" + org.openml.auth.core.domain.Printable.of(column, 80)
                        + "' is not table.column or database.table.column");
                continue;
            }
            boolean qualified = column.chars().filter(ch -> ch == '.').count() == 2;
            result.add(database.isPresent() && !qualified ? database.get() + "." + column : column);
        }
        return List.copyOf(result);
    }

    /** How the server finds client addresses: the socket peer, or {@code X-Forwarded-For} from the trusted proxies. */
    public ClientAddress clientAddress() {
        return ClientAddress.trusting(trustedProxies);
    }

    /** How long a client told "busy" should wait. */
    public Duration busyRetryAfter() {
        return Duration.ofSeconds(1);
    }

    @Override
    public String toString() {
        return "AuthServerConfig[port=" + port + ", host=" + host + ", publicUrl=" + publicUrl + ", linkBaseUrl=" + linkBaseUrl
                + ", production=" + production + ", sessionSecret=" + (sessionSecretGenerated ? "(random, not set)" : "***")
                + ", previousSessionSecrets=" + previousSessionSecrets.size()
                + ", database=" + mysql.map(MysqlConfig::toString).orElse("SQLite " + sqlitePath)
                + ", smtp=" + smtp.map(SmtpConfig::toString).orElse("(none: log mailer)") + ", hashThreads=" + hashThreads
                + ", hashQueue=" + hashQueue + ", oauth=" + oauth + ", rateLimits=" + (rateLimits.enabled() ? "on" : "off")
                + ", trustedProxies=" + trustedProxies + ", enumerationProtection=" + enumerationProtection
                + ", passkeyConditionalCreate=" + passkeyConditionalCreate + "]";
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    /** Bad configuration: every problem found, one per line. */
    public static final class ConfigException extends RuntimeException {
        private final List<String> problems;

        ConfigException(List<String> problems) {
            super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
