package org.openml.auth.server;

import com.sun.net.httpserver.HttpServer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openml.auth.core.password.BoundedPasswordHasher;
import org.openml.auth.core.port.out.AuthMetrics;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.metrics.MicrometerAuthMetrics;

/**
 * {@code AUTH_METRICS=true}: Prometheus text at {@code /metrics}, on the server's port or on
 * {@code AUTH_METRICS_PORT}. HTTP requests by route template (never the raw path: ids and tokens
 * stay out of labels), method and status with a latency histogram; sign-ins, rate limits, mail
 * failures and the hashing pool (auth-metrics); the outbox backlog; HikariCP's pool; the JVM.
 */
final class ServerMetrics implements AutoCloseable {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String STARTED = "openml-auth.request-started";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerAuthMetrics auth = MicrometerAuthMetrics.of(registry);
    private HttpServer ownPort;

    ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The core's counters, with the hashing pool's meters bound. */
    AuthMetrics authMetrics(BoundedPasswordHasher hasher) {
        return auth.bindHasher(hasher);
    }

    /** The database pool's own meters and the mail outbox's backlog (read from the database at each scrape). */
    void bindStores(JdbcStores stores) {
        stores.bindPoolMetrics(registry);
        Gauge.builder("openml.auth.mail.outbox.depth", stores, s -> s.mailOutbox().backlog().count())
                .description("Mails waiting in the outbox").register(registry);
    }

    /** Times every request; serves /metrics here unless it has a port of its own. */
    void install(JavalinConfig javalin, boolean onThisPort) {
        javalin.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        javalin.routes.after(this::record);
        if (onThisPort) javalin.routes.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(registry.scrape()));
    }

    private void record(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) return;
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        // The route template, as registered ("/api/user/sessions/{id}"); unknown paths share one label.
        String route = endpoint == null ? "unmatched" : endpoint.path;
        Timer.builder("http.server.requests").description("HTTP requests by route template, method and status")
                .tag("method", ctx.method().name()).tag("route", route).tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .register(registry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** Serves /metrics on {@code port} of {@code host}, apart from the API (for a cluster-internal scraper). */
    void startOwnPort(String host, int port) throws IOException {
        ownPort = HttpServer.create(new InetSocketAddress(host, port), 16);
        ownPort.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        ownPort.start();
    }

    /** The port /metrics is served on apart from the API; 0 when it shares the API's. */
    int ownPort() {
        return ownPort == null ? 0 : ownPort.getAddress().getPort();
    }

    @Override
    public void close() {
        if (ownPort != null) ownPort.stop(0);
        registry.close();
    }
}
