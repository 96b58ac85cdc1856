package org.openml.auth.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.openml.auth.http.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A request id on every request (taken from {@code X-Request-Id} when it is well-formed, else made),
 * in the answer's header and, through the MDC, in every log line the request causes; and with
 * {@code AUTH_ACCESS_LOG} one access line per request: method, route template, status, duration,
 * client address as resolved. Never the query string or the raw path (tokens and ids live there).
 */
final class RequestLog {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    /** What a caller's id may look like to be kept (a proxy's or a tracer's): short, no spaces, nothing to forge lines with. */
    static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger ACCESS = LoggerFactory.getLogger("org.openml.auth.access");
    private static final String STARTED = "openml-auth.access-started";

    private final ClientAddress clients;
    private final boolean accessLog;

    RequestLog(ClientAddress clients, boolean accessLog) {
        this.clients = clients;
        this.accessLog = accessLog;
    }

    void install(JavalinConfig javalin) {
        javalin.routes.before(this::begin);
        javalin.routes.after(this::end);
    }

    private void begin(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && WELL_FORMED.matcher(given).matches() ? given : newId();
        MDC.put(MDC_KEY, id);
        ctx.header(HEADER, id);
        if (accessLog) ctx.attribute(STARTED, System.nanoTime());
    }

    private void end(Context ctx) {
        try {
            Long started = ctx.attribute(STARTED);
            if (started != null) {
                Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
                ACCESS.info("{} {} {} {} ms client={}", ctx.method().name(), endpoint == null ? "unmatched" : endpoint.path,
                        ctx.statusCode(), (System.nanoTime() - started) / 1_000_000, clients.of(ctx));
            }
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** A request id is a label for logs, not a secret: a fast random suffices. */
    static String newId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
