package org.openml.auth.bench;

import io.javalin.Javalin;
import java.util.Map;

/**
 * The start-up floor of this stack: Javalin on Jetty with the server's settings, answering
 * {@code GET /api/auth/session} with {@code {}} and nothing else (no database, no logging, no
 * services). {@code auth-bench/bench} starts it as the server is started, with the same JVM options
 * and a class-data archive of its own, so the server's start-up can be read against what Javalin
 * and the JVM cost by themselves.
 *
 * <p>{@code PORT} (default 3177).
 */
public final class FloorServer {
    private FloorServer() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3177"));
        Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.concurrency.useVirtualThreads = Runtime.version().feature() >= 21;
            javalin.http.maxRequestSize = 64 * 1024;
            javalin.routes.get("/api/auth/session", ctx -> ctx.json(Map.of()));
        }).start(port);
    }
}
