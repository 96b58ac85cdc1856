package org.openml.auth.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
        Duration sessionMaxLifetime,
        OutboxPolicy mailOutbox,
        List<String> warnings) {

    public static final int DEFAULT_PORT = 3050;
    public static final String DEFAULT_SQLITE_PATH = "data/openml-auth.db";
    public static final String DEFAULT_FROM = "OpenML <no-reply@openml.org>";

    /** Reads and validates the environment. */
    public static AuthServerConfig fromEnv(Map<String, String> env) {
        Reader r = new Reader(env);
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

        Optional<SmtpConfig> smtp = Optional.empty();
        Optional<String> smtpHost = r.text("SMTP_HOST");
        if (smtpHost.isPresent()) {
            boolean secure = r.bool("SMTP_SECURE", false);
            int smtpPort = r.integer("SMTP_PORT", secure ? 465 : 587, 1, 65535);
            Optional<String> user = r.text("SMTP_USER");
            Optional<String> pass = r.text("SMTP_PASS");
            if (user.isPresent() != pass.isPresent()) {
                r.problem("SMTP_USER and SMTP_PASS must be set together");
            } else {
                try {
                    SmtpConfig.Builder builder = SmtpConfig.builder(smtpHost.get(), smtpPort, r.text("SMTP_FROM").orElse(DEFAULT_FROM))
                            .secure(secure);
                    if (user.isPresent()) builder.credentials(user.get(), pass.get());
                    smtp = Optional.of(builder.build());
                } catch (IllegalArgumentException e) {
                    r.problem("SMTP settings: " + e.getMessage());
                }
            }
        } else {
            for (String name : List.of("SMTP_PORT", "SMTP_USER", "SMTP_PASS", "SMTP_FROM", "SMTP_SECURE")) {
                if (r.text(name).isPresent()) warnings.add(name + " is set but SMTP_HOST is not, so it is ignored");
            }
            warnings.add("SMTP_HOST is not set: mails are written to the log (links included) instead of being sent");
        }

        int cores = Runtime.getRuntime().availableProcessors();
        int hashThreads = r.integer("AUTH_HASH_THREADS", cores, 1, 256);
        int hashQueue = r.integer("AUTH_HASH_QUEUE", 16 * hashThreads, 0, 10_000);

        OAuthSettings oauth = readOAuth(r);
        WebAuthnSettings webAuthn = readWebAuthn(r, publicUrl, warnings);
        RateLimitPolicy rateLimits = readRateLimits(r);
        List<String> trustedProxies = readTrustedProxies(r);
        // Strict mode hides which addresses have accounts at sign-up too; off by default because
        // OpenML's front end shows "Email already registered" (see docs/configuration.md).
        boolean enumerationProtection = r.bool("AUTH_ENUMERATION_PROTECTION", false);
        // However often it is refreshed, a session ends this long after its sign-in (ASVS V3.3.2).
        Duration sessionMaxLifetime = r.duration("AUTH_SESSION_MAX_LIFETIME", AuthPolicy.DEFAULTS.sessionMaxLifetime(),
                Duration.ofMinutes(5));
        OutboxPolicy outbox = readOutbox(r);

        r.failIfProblems();
        return new AuthServerConfig(port, host, publicUrl, linkBase, production, sessionSecret, generated, previous, sqlite,
                mysql, smtp, hashThreads, hashQueue, oauth, webAuthn, rateLimits, trustedProxies, enumerationProtection,
                sessionMaxLifetime, outbox, List.copyOf(warnings));
    }

    /** How the mail outbox is drained and retried: {@code AUTH_MAIL_*}, see docs/configuration.md. */
    private static OutboxPolicy readOutbox(Reader r) {
        OutboxPolicy d = OutboxPolicy.DEFAULTS;
        Duration poll = r.duration("AUTH_MAIL_POLL", d.pollInterval(), Duration.ofMillis(100));
        Duration first = r.duration("AUTH_MAIL_RETRY_FIRST", d.firstRetry(), Duration.ofMillis(100));
        Duration max = r.duration("AUTH_MAIL_RETRY_MAX", d.maxRetry(), Duration.ofMillis(100));
        Duration giveUp = r.duration("AUTH_MAIL_GIVE_UP_AFTER", d.giveUpAfter(), Duration.ofMinutes(1));
        if (max.compareTo(first) < 0) {
            r.problem("AUTH_MAIL_RETRY_MAX (" + max + ") must not be shorter than AUTH_MAIL_RETRY_FIRST (" + first + ")");
            return d;
        }
        return new OutboxPolicy(poll, first, max, giveUp, d.warnAfter(), false);
    }

    /**
     * Brute-force and abuse limits: {@code AUTH_RATE_LIMITS} (on/off) and the numbers, each
     * defaulting to {@link RateLimitPolicy#DEFAULTS}; see docs/configuration.md.
     */
    private static RateLimitPolicy readRateLimits(Reader r) {
        RateLimitPolicy d = RateLimitPolicy.DEFAULTS;
        boolean on = r.text("AUTH_RATE_LIMITS").map(v -> v.toLowerCase(Locale.ROOT)).map(v -> switch (v) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> {
                r.problem("AUTH_RATE_LIMITS must be on or off, got '" + v + "'");
                yield true;
            }
        }).orElse(true);
        int failures = r.integer("AUTH_LOCK_AFTER_FAILURES", d.lockAfterFailures(), 1, 1000);
        Duration first = r.duration("AUTH_LOCK_FIRST", d.firstLock(), Duration.ofSeconds(1));
        Duration max = r.duration("AUTH_LOCK_MAX", d.maxLock(), Duration.ofSeconds(1));
        Duration memory = r.duration("AUTH_LOCK_FAILURE_MEMORY", d.failureMemory(), Duration.ofMinutes(1));
        if (max.compareTo(first) < 0) {
            r.problem("AUTH_LOCK_MAX (" + max + ") must not be shorter than AUTH_LOCK_FIRST (" + first + ")");
            max = first;
        }
        RateLimitPolicy policy = d.withEnabled(on).withAccountLock(failures, first, max, memory);
        return policy.withLimits(
                limit(r, "AUTH_LIMIT_SIGN_IN", d.signInPerIp()),
                limit(r, "AUTH_LIMIT_REGISTER", d.registerPerIp()),
                limit(r, "AUTH_LIMIT_CHECK_EMAIL", d.checkEmailPerIp()),
                limit(r, "AUTH_LIMIT_ACCOUNT_MAIL", d.accountMailPerIp()),
                limit(r, "AUTH_LIMIT_ACCOUNT_MAIL_PER_ADDRESS", d.accountMailPerAddress()),
                limit(r, "AUTH_LIMIT_PASSKEY", d.passkeyPerIp()),
                limit(r, "AUTH_LIMIT_API_KEY_FAILURES", d.apiKeyFailuresPerIp()));
    }

    private static RateLimitPolicy.Limit limit(Reader r, String name, RateLimitPolicy.Limit fallback) {
        Optional<String> v = r.text(name);
        if (v.isEmpty()) return fallback;
        try {
            return RateLimitPolicy.Limit.parse(v.get());
        } catch (IllegalArgumentException e) {
            r.problem(name + ": " + e.getMessage());
            return fallback;
        }
    }

    /** {@code AUTH_TRUSTED_PROXIES}: comma-separated IPs/CIDR blocks whose {@code X-Forwarded-For} is believed. */
    private static List<String> readTrustedProxies(Reader r) {
        List<String> entries = r.text("AUTH_TRUSTED_PROXIES")
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList())
                .orElse(List.of());
        try {
            ClientAddress.trusting(entries);
        } catch (IllegalArgumentException e) {
            r.problem("AUTH_TRUSTED_PROXIES: " + e.getMessage());
            return List.of();
        }
        return entries;
    }

    /** How the server finds client addresses: the socket peer, or {@code X-Forwarded-For} from the trusted proxies. */
    public ClientAddress clientAddress() {
        return ClientAddress.trusting(trustedProxies);
    }

    /**
     * Passkeys: {@code RP_ORIGIN} (comma-separated; default the public URL, so
     * {@code http://localhost:3050} out of the box) and {@code RP_ID} (default the host of the first
     * origin, so {@code localhost} out of the box). Every origin must be on the RP ID, or browsers
     * refuse every ceremony; see docs/passkeys.md.
     */
    private static WebAuthnSettings readWebAuthn(Reader r, URI publicUrl, List<String> warnings) {
        String origins = r.text("RP_ORIGIN").orElse(publicUrl.toString());
        String firstHost;
        try {
            firstHost = new URI(origins.split(",")[0].strip()).getHost();
        } catch (URISyntaxException | ArrayIndexOutOfBoundsException e) {
            firstHost = null; // WebAuthnSettings.of names the bad entry below
        }
        String host = firstHost;
        String rpId = r.text("RP_ID").orElseGet(() -> {
            String derived = host == null ? WebAuthnSettings.DEFAULT_RP_ID : host.toLowerCase(Locale.ROOT);
            if (!derived.equals(WebAuthnSettings.DEFAULT_RP_ID)) {
                warnings.add("RP_ID is not set: passkeys are bound to " + derived + " only; set RP_ID (e.g. to the parent"
                        + " domain) before users create passkeys, as they cannot move to another RP ID later");
            }
            return derived;
        });
        try {
            return WebAuthnSettings.of(rpId, origins);
        } catch (IllegalArgumentException e) {
            r.problem("passkey settings: " + e.getMessage() + " (set RP_ID and RP_ORIGIN; see docs/passkeys.md)");
            return WebAuthnSettings.defaults();
        }
    }

    /** GitHub / Google: each needs id and secret together; the URL overrides may carry a path (GitHub Enterprise's /api/v3). */
    private static OAuthSettings readOAuth(Reader r) {
        Optional<org.openml.auth.oauth.OAuthClientConfig> github = oauthClient(r, "GITHUB_ID", "GITHUB_SECRET").map(idSecret ->
                new org.openml.auth.oauth.OAuthClientConfig(idSecret[0], idSecret[1],
                        providerUrl(r, "GITHUB_URL", org.openml.auth.oauth.OAuthClientConfig.GITHUB_WEB),
                        providerUrl(r, "GITHUB_API_URL", org.openml.auth.oauth.OAuthClientConfig.GITHUB_API)));
        Optional<org.openml.auth.oauth.OAuthClientConfig> google = oauthClient(r, "GOOGLE_ID", "GOOGLE_SECRET").map(idSecret -> {
            URI issuer = providerUrl(r, "GOOGLE_ISSUER", org.openml.auth.oauth.OAuthClientConfig.GOOGLE_ISSUER);
            return new org.openml.auth.oauth.OAuthClientConfig(idSecret[0], idSecret[1], issuer, issuer);
        });
        return new OAuthSettings(github, google);
    }

    private static Optional<String[]> oauthClient(Reader r, String idName, String secretName) {
        Optional<String> id = r.text(idName);
        Optional<String> secret = r.text(secretName);
        if (id.isPresent() != secret.isPresent()) {
            r.problem(idName + " and " + secretName + " must be set together (" + (id.isPresent() ? secretName : idName)
                    + " is missing); unset both to turn this sign-in provider off");
            return Optional.empty();
        }
        return id.map(i -> new String[] {i, secret.get()});
    }

    private static URI providerUrl(Reader r, String name, URI fallback) {
        Optional<String> v = r.text(name);
        if (v.isEmpty()) return fallback;
        try {
            URI uri = new URI(v.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                r.problem(name + " must be an http(s) URL without query or fragment, got '" + v.get() + "'");
                return fallback;
            }
            return uri;
        } catch (URISyntaxException e) {
            r.problem(name + " is not a valid URL: '" + v.get() + "'");
            return fallback;
        }
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
                + ", trustedProxies=" + trustedProxies + ", enumerationProtection=" + enumerationProtection + "]";
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

    /** Reads variables, collecting problems instead of failing at the first. */
    static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        Optional<String> text(String name) {
            String v = env.get(name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }

        /** The value exactly as set (not stripped: passwords may end in a space); empty when unset or empty. */
        Optional<String> raw(String name) {
            String v = env.get(name);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
        }

        /** An ISO-8601 duration ({@code PT5S}) or whole seconds ({@code 5}), at least {@code min}. */
        Duration duration(String name, Duration fallback, Duration min) {
            Optional<String> v = text(name);
            if (v.isEmpty()) return fallback;
            Duration d;
            try {
                d = v.get().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v.get())) : Duration.parse(v.get());
            } catch (RuntimeException e) {
                problem(name + " must be an ISO-8601 duration (PT5S, PT0.5S) or whole seconds (5), got '" + v.get() + "'");
                return fallback;
            }
            if (d.compareTo(min) < 0) {
                problem(name + " must be at least " + min + ", got " + d);
                return fallback;
            }
            return d;
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> v = text(name);
            if (v.isEmpty()) return fallback;
            try {
                int n = Integer.parseInt(v.get());
                if (n < min || n > max) {
                    problem(name + " must be between " + min + " and " + max + ", got " + n);
                    return fallback;
                }
                return n;
            } catch (NumberFormatException e) {
                problem(name + " must be a whole number, got '" + v.get() + "'");
                return fallback;
            }
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> v = text(name).map(s -> s.toLowerCase(Locale.ROOT));
            if (v.isEmpty()) return fallback;
            switch (v.get()) {
                case "true", "1", "yes" -> { return true; }
                case "false", "0", "no" -> { return false; }
                default -> {
                    problem(name + " must be true or false, got '" + v.get() + "'");
                    return fallback;
                }
            }
        }

        Optional<URI> url(String name) {
            Optional<String> v = text(name);
            if (v.isEmpty()) return Optional.empty();
            try {
                URI uri = new URI(v.get());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    problem(name + " must start with http:// or https://, got '" + v.get() + "'");
                    return Optional.empty();
                }
                if (uri.getHost() == null) {
                    problem(name + " must name a host, got '" + v.get() + "'");
                    return Optional.empty();
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    problem(name + " must not have a query or fragment, got '" + v.get() + "'");
                    return Optional.empty();
                }
                String path = uri.getRawPath() == null ? "" : uri.getRawPath();
                // next-auth accepts its own base path here; the routes always live at /api/auth.
                if (!path.isEmpty() && !path.equals("/") && !path.replaceAll("/$", "").equals("/api/auth")) {
                    problem(name + " must be an origin without a path (e.g. https://www.openml.org), got '" + v.get() + "'");
                    return Optional.empty();
                }
                return Optional.of(URI.create(scheme + "://" + uri.getRawAuthority()));
            } catch (URISyntaxException e) {
                problem(name + " is not a valid URL: '" + v.get() + "'");
                return Optional.empty();
            }
        }

        void problem(String message) {
            problems.add(message);
        }

        void failIfProblems() {
            if (!problems.isEmpty()) throw new ConfigException(problems);
        }
    }
}
