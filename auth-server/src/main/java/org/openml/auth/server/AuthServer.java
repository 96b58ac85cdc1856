package org.openml.auth.server;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openml.auth.core.password.Argon2Parameters;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.password.BoundedPasswordHasher;
import org.openml.auth.core.port.out.Mailer;
import org.openml.auth.core.domain.Printable;
import org.openml.auth.core.usecase.AuthPolicy;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.http.AuthPlugin;
import org.openml.auth.http.ErrorResponses;
import org.openml.auth.http.SecurityHeaders;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.mail.LogMailer;
import org.openml.auth.mail.SmtpMailer;
import org.openml.auth.password.legacy.LegacyHashFormats;
import org.openml.auth.webauthn.YubicoPasskeyVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: wires the adapters the configuration names and serves the routes. */
public final class AuthServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuthServer.class);

    private final AuthServerConfig config;
    private final JdbcStores stores;
    private final BoundedPasswordHasher hasher;
    private final Javalin app;
    private final AuthServices services;
    /** Null unless AUTH_METRICS=true. */
    private final ServerMetrics metrics;
    /** Set when a stop was asked: /ready answers 503 from then on, while requests are still served. */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Requests being answered now, so a stop lets them finish. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    private AuthServer(AuthServerConfig config, Clock clock, Mailer mailerOverride) {
        this.config = config;
        config.warnings().forEach(w -> LOG.warn("{}", w));
        this.stores = openStores(config);
        this.hasher = new BoundedPasswordHasher(new Argon2PasswordHasher(Argon2Parameters.OPENML, LegacyHashFormats.all()),
                config.hashThreads(), config.hashQueue(), config.busyRetryAfter());
        Mailer mailer = mailerOverride != null ? mailerOverride : mailer(config);
        this.metrics = config.metrics() ? new ServerMetrics() : null;
        if (metrics != null) metrics.bindStores(stores);
        AuthServices.Builder builder = AuthServices.builder()
                .stores(stores)
                .mailOutbox(stores.mailOutbox())
                .passwordHasher(hasher)
                .mailer(mailer)
                .clock(clock)
                .publicUrl(config.linkBaseUrl())
                .sessionSecret(config.sessionSecret())
                .previousSessionSecrets(config.previousSessionSecrets())
                .rateLimits(config.rateLimits())
                .policy(AuthPolicy.DEFAULTS.withSessionMaxLifetime(config.sessionMaxLifetime()))
                // A test's own mailer gets each mail on the request's thread, right after it is queued (as
                // the testkit does), so it is there when the request returns; retries still run in the background.
                .outboxPolicy(mailerOverride != null ? config.mailOutbox().withInline(true) : config.mailOutbox())
                .enumerationProtection(config.enumerationProtection())
                .passkeyConditionalCreate(config.passkeyConditionalCreate())
                .accountUploads(stores.uploads(config.uploadColumns()))
                .metrics(metrics == null ? org.openml.auth.core.port.out.AuthMetrics.NONE : metrics.authMetrics(hasher))
                .oauthProviders(oauthProviders(config.oauth(), clock));
        builder.passkeys(stores.passkeys(), YubicoPasskeyVerifier.create(config.webAuthn(), stores.passkeys(), clock),
                stores.challenges());
        this.services = builder.build();
        LOG.info("Rate limits {}; client addresses from {}", config.rateLimits().enabled() ? "on" : "off (AUTH_RATE_LIMITS=off)",
                config.trustedProxies().isEmpty() ? "the socket peer (no AUTH_TRUSTED_PROXIES)"
                        : "X-Forwarded-For via " + config.trustedProxies());
        this.app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.concurrency.useVirtualThreads = Runtime.version().feature() >= 21;
            javalin.http.maxRequestSize = 64 * 1024;
            javalin.registerPlugin(new AuthPlugin(services, clock, "").withWebPages().clientAddress(config.clientAddress())
                    .pages(config.signInPage().orElse(null), config.errorPage().orElse(null)));
            ErrorResponses.install(javalin.routes);
            // The whole app is ours: health, readiness and unknown paths get the API headers too.
            SecurityHeaders.install(javalin.routes, config.publicUrl());
            javalin.routes.before(hostCheck(config.publicUrl()));
            javalin.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            // First: the request id is in the MDC for every later handler's log lines.
            new RequestLog(config.clientAddress(), config.accessLog()).install(javalin);
            if (metrics != null) metrics.install(javalin, config.metricsPort() == 0);
            javalin.routes.before(ctx -> inFlight.incrementAndGet());
            javalin.routes.after(ctx -> inFlight.decrementAndGet());
            javalin.routes.get("/ready", ctx -> {
                if (draining.get()) {
                    // Load balancers take this node out; requests that still come are served until the grace ends.
                    ctx.status(503).json(Map.of("status", "stopping", "code", "shutting_down"));
                    return;
                }
                boolean ready = stores.isReady();
                ctx.status(ready ? 200 : 503).json(ready ? Map.of("status", "ready")
                        : Map.of("status", "unavailable", "code", "store_unavailable"));
            });
        });
    }

    /** Builds a server from configuration; {@link #start()} opens the port. */
    public static AuthServer create(AuthServerConfig config) {
        return new AuthServer(config, Clock.systemUTC(), null);
    }

    /**
     * For tests: a given clock and mailer instead of the configured ones. Mails still go through
     * the outbox, but are handed to {@code mailer} at once by the request's thread.
     */
    public static AuthServer create(AuthServerConfig config, Clock clock, Mailer mailer) {
        return new AuthServer(config, clock, mailer);
    }

    public AuthServer start() {
        app.start(config.host(), config.port());
        if (metrics != null && config.metricsPort() != 0) {
            try {
                metrics.startOwnPort(config.host(), config.metricsPort());
            } catch (java.io.IOException e) {
                app.stop();
                throw new IllegalStateException("cannot serve /metrics on port " + config.metricsPort() + ": " + e.getMessage(), e);
            }
            LOG.info("Metrics on port {} at /metrics", metrics.ownPort());
        }
        LOG.info("OpenML auth server listening on port {} (public URL {}, {})", app.port(), config.publicUrl(), stores);
        return this;
    }

    /** The routes served, as {@code "GET /api/auth/session"}; the OpenAPI test compares them with docs/openapi.yaml. */
    java.util.List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(e -> e.method.name() + " " + e.path)
                .distinct()
                .sorted()
                .toList();
    }

    /** The port actually bound (useful with {@code PORT=0} in tests). */
    public int port() {
        return app.port();
    }

    /**
     * Stops gracefully, as on SIGTERM: {@code /ready} answers 503 at once, requests are still
     * served for {@code AUTH_SHUTDOWN_GRACE} (load balancers and Kubernetes take a moment to stop
     * sending them), then requests in flight get up to the same time again to finish, then the
     * port, the outbox sender, the hashing pool and the database pool close.
     */
    public void drain() {
        if (!draining.compareAndSet(false, true)) return;
        Duration grace = config.shutdownGrace();
        LOG.info("Stopping: /ready answers 503; serving for {} ms more, then closing once {} request(s) in flight finish",
                grace.toMillis(), inFlight.get());
        sleep(grace);
        long deadline = System.nanoTime() + Math.max(grace.toNanos(), Duration.ofSeconds(1).toNanos());
        while (inFlight.get() > 0 && System.nanoTime() < deadline) sleep(Duration.ofMillis(20));
        if (inFlight.get() > 0) LOG.warn("Stopping with {} request(s) still in flight after the grace", inFlight.get());
        close();
        LOG.info("Stopped");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The assembled use cases (for the operator's commands and tests). */
    public AuthServices services() {
        return services;
    }

    /** Waits up to {@code timeout} for the database (MySQL connects in the background); whether it is ready. */
    boolean awaitStores(Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!stores.isReady()) {
            if (System.nanoTime() > until) return false;
            sleep(Duration.ofMillis(200));
        }
        return true;
    }

    /** Which database, for messages; never credentials. */
    String storesDescription() {
        return stores.toString();
    }

    /** Whether a stop was asked ({@link #drain}). */
    public boolean draining() {
        return draining.get();
    }

    @Override
    public void close() {
        draining.set(true);
        app.stop();
        // The outbox sender first: mails still queued stay in the database for the next start.
        services.close();
        if (metrics != null) metrics.close();
        hasher.close();
        stores.close();
    }

    /**
     * MySQL/MariaDB when DATABASE_URL or MYSQL_HOST is set, else SQLite. MySQL connects in the
     * background: the server starts and answers /health while its database is down, /ready says
     * 503 until the database answers, and requests that need it get 503 meanwhile.
     */
    static JdbcStores openStores(AuthServerConfig config) {
        return config.mysql().map(JdbcStores::mysqlInBackground).orElseGet(() -> JdbcStores.sqlite(config.sqlitePath()));
    }

    /** The configured sign-in providers, GitHub first (the order of the sign-in buttons). */
    static java.util.List<org.openml.auth.core.port.out.OAuthProvider> oauthProviders(OAuthSettings oauth, Clock clock) {
        java.util.List<org.openml.auth.core.port.out.OAuthProvider> providers = new java.util.ArrayList<>();
        oauth.github().ifPresent(c -> providers.add(org.openml.auth.oauth.OAuthProviders.github(c)));
        oauth.google().ifPresent(c -> providers.add(org.openml.auth.oauth.OAuthProviders.google(c, clock)));
        return providers;
    }

    static Mailer mailer(AuthServerConfig config) {
        return config.smtp().<Mailer>map(SmtpMailer::create).orElseGet(LogMailer::new);
    }

    private static final java.util.regex.Pattern PORT_SUFFIX = java.util.regex.Pattern.compile(":\\d+$");

    /**
     * Warns once when requests arrive for another host than NEXTAUTH_URL: the classic cause of
     * cookies that never come back and CSRF checks that fail without a word.
     */
    private static io.javalin.http.Handler hostCheck(URI publicUrl) {
        AtomicBoolean warned = new AtomicBoolean();
        String expected = publicUrl.getHost().toLowerCase();
        // The Host header a browser sends for NEXTAUTH_URL: most requests carry exactly this, and
        // are let through before any parsing (this runs on every request).
        String usual = publicUrl.getAuthority();
        return ctx -> {
            if (warned.get()) return;
            String host = ctx.header("X-Forwarded-Host");
            if (host == null) host = ctx.header("Host");
            if (host == null || host.equalsIgnoreCase(usual)) return;
            String name = PORT_SUFFIX.matcher(host).replaceFirst("").replace("[", "").replace("]", "").toLowerCase();
            boolean loopback = name.equals("localhost") || name.equals("127.0.0.1") || name.equals("::1");
            boolean expectedLoopback = expected.equals("localhost") || expected.equals("127.0.0.1");
            if (!name.equals(expected) && !(loopback && expectedLoopback) && warned.compareAndSet(false, true)) {
                LOG.warn("A request arrived for host '{}' but NEXTAUTH_URL is {}: cookies set for one are not sent to the other,"
                        + " so sign-in will fail. Set NEXTAUTH_URL to the address users open.", Printable.of(name, 200), publicUrl);
            }
        };
    }
}
