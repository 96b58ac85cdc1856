package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Objects;

/**
 * The response headers that keep answers out of frames, caches and MIME sniffing. API answers are
 * JSON that no browser should ever render as a document, so they get the tightest policy there is
 * ({@code default-src 'none'}); the web pages replace it with their own policy when they answer.
 *
 * <p>{@link #install} applies the API headers to every answer of an app that is all ours (the
 * standalone server: health, readiness, unknown paths too); {@link AuthPlugin} applies them to its
 * own {@code /api/*} routes either way, so an embedding app keeps its other answers as it likes.
 */
public final class SecurityHeaders {
    /** JSON is data: nothing may load from it, and nothing may frame it. */
    static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /**
     * One year, the value the HSTS preload list asks for. No {@code includeSubDomains}: the auth
     * server does not own every name under its domain (openml.org runs other services).
     */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    private final boolean https;

    SecurityHeaders(URI publicUrl) {
        this.https = "https".equalsIgnoreCase(Objects.requireNonNull(publicUrl, "publicUrl").getScheme());
    }

    /**
     * Puts the API headers on every answer of {@code routes}' app. For apps that serve nothing but
     * this server's routes; the web pages still set their own Content-Security-Policy.
     *
     * @param routes the app's routes
     * @param publicUrl the public URL; HSTS is sent only when it is https
     */
    public static void install(RoutesConfig routes, URI publicUrl) {
        SecurityHeaders headers = new SecurityHeaders(publicUrl);
        routes.before(headers::api);
    }

    /** The headers of an API answer (set before the handler runs, so they are on errors too). */
    void api(Context ctx) {
        // Answers about who is signed in (sessions, keys, CSRF tokens) must never be kept by a browser or a proxy.
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
        common(ctx);
    }

    /** The headers the pages and the API share; the pages add their own CSP. */
    void common(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        // No referrer at all: the URLs of this server carry one-time tokens (confirm, reset) that must not leak.
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (https) ctx.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }
}
