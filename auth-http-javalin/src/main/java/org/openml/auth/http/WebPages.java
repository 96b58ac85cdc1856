package org.openml.auth.http;

import io.javalin.http.Context;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-in, sign-up, confirmation, password-reset, error and account pages: plain HTML, one
 * CSS file and ES modules from the classpath ({@code org/openml/auth/http/web/}), no build step,
 * nothing from other origins. They call only the public routes. Every answer carries a strict
 * Content-Security-Policy (no inline scripts or styles).
 */
final class WebPages {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    private static final String ROOT = "org/openml/auth/http/web/";
    /** URL path → page file. */
    static final Map<String, String> PAGES = Map.of(
            "/auth/sign-in", "sign-in.html",
            "/auth/sign-up", "sign-up.html",
            "/auth/confirm-email", "confirm-email.html",
            "/auth/forgot-password", "forgot-password.html",
            "/auth/reset-password", "reset-password.html",
            "/auth/error", "error.html",
            "/auth/confirm-email-change", "email-change.html",
            "/auth/sign-out", "sign-out.html",
            "/auth/revert-email-change", "email-change.html",
            "/account", "account.html");
    private static final Map<String, String> ASSET_TYPES = Map.of(
            ".css", "text/css; charset=utf-8",
            ".js", "text/javascript; charset=utf-8",
            ".svg", "image/svg+xml");

    private final String prefix;
    private final SecurityHeaders headers;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    WebPages(String prefix, SecurityHeaders headers) {
        this.prefix = prefix;
        this.headers = headers;
    }

    void mount(RoutesConfig routes) {
        PAGES.forEach((path, file) -> routes.get(prefix + path, ctx -> page(ctx, file)));
        routes.get(prefix + "/auth/assets/{file}", this::asset);
    }

    private void page(Context ctx, String file) {
        // The prefix goes into a data attribute, so the scripts find the routes under any mount point.
        byte[] html = cache.computeIfAbsent(file, f -> new String(read(f), StandardCharsets.UTF_8)
                .replace("{{base}}", prefix).getBytes(StandardCharsets.UTF_8));
        secure(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String type = file.matches("[a-z0-9-]+\\.(css|js|svg)") ? ASSET_TYPES.get(file.substring(file.lastIndexOf('.'))) : null;
        if (type == null || getClass().getClassLoader().getResource(ROOT + file) == null) {
            throw new io.javalin.http.NotFoundResponse("Not found");
        }
        byte[] body = cache.computeIfAbsent(file, WebPages::read);
        secure(ctx);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type).result(body);
    }

    private void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.common(ctx);
    }

    private static byte[] read(String file) {
        try (InputStream in = WebPages.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            if (in == null) throw new IllegalStateException("missing page resource " + ROOT + file);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
