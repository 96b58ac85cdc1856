package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.port.in.Sessions;

/**
 * The calls next-auth's browser client ({@code next-auth/react}) makes besides sign-in and reading
 * the session: {@code signIn()} without a provider and {@code useSession({required:true})} land on
 * {@code GET /api/auth/signin}, {@code signOut()} without JavaScript on {@code GET /api/auth/signout},
 * errors on {@code GET /api/auth/error}, {@code update()} posts {@code /api/auth/session}, and the
 * client's logger posts {@code /api/auth/_log}.
 */
final class NextAuthClientRoutes {
    /** next-auth's error words are short ASCII names ("CredentialsSignin", "OAuthCallback"); anything else is dropped. */
    private static final Pattern ERROR_NAME = Pattern.compile("[A-Za-z]{1,40}");
    /** The client logger's budget per address and minute, on this node (nothing is kept of what it sends). */
    static final int LOG_PER_MINUTE = 60;

    private final RouteContext route;
    private final Sessions sessions;
    private final String signInPage;
    private final String errorPage;
    private final Map<String, int[]> logBudget = new ConcurrentHashMap<>();
    private volatile long logWindow;

    /**
     * @param signInPage where {@code /api/auth/signin} sends the browser (a path on the public origin or a URL)
     * @param errorPage  where {@code /api/auth/error} sends it
     */
    NextAuthClientRoutes(RouteContext route, String signInPage, String errorPage) {
        this.route = route;
        this.sessions = route.services().sessions();
        this.signInPage = signInPage;
        this.errorPage = errorPage;
    }

    void mount(RoutesConfig routes, String prefix) {
        routes.get(prefix + "/api/auth/signin", this::signIn);
        routes.get(prefix + "/api/auth/signout", ctx -> redirect(ctx, route.base() + "/auth/sign-out",
                Optional.ofNullable(ctx.queryParam("callbackUrl")).map(route.redirects()::sameOrigin), Optional.empty()));
        routes.get(prefix + "/api/auth/error", ctx -> redirect(ctx, errorPage, Optional.empty(), error(ctx)));
        routes.post(prefix + "/api/auth/session", this::update);
        routes.post(prefix + "/api/auth/_log", this::log);
    }

    private void signIn(Context ctx) {
        redirect(ctx, signInPage, Optional.ofNullable(ctx.queryParam("callbackUrl")).map(route.redirects()::sameOrigin), error(ctx));
    }

    private static Optional<String> error(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("error")).filter(e -> ERROR_NAME.matcher(e).matches());
    }

    private static void redirect(Context ctx, String page, Optional<String> callbackUrl, Optional<String> error) {
        java.util.List<String> query = new java.util.ArrayList<>();
        callbackUrl.ifPresent(url -> query.add("callbackUrl=" + URLEncoder.encode(url, StandardCharsets.UTF_8)));
        error.ifPresent(e -> query.add("error=" + e));
        String target = query.isEmpty() ? page : page + (page.contains("?") ? "&" : "?") + String.join("&", query);
        ctx.redirect(target, HttpStatus.FOUND);
    }

    /**
     * next-auth's {@code update()}, which always sends the CSRF token: the session re-read from the
     * account ({@code data} in the body never writes a claim), the cookie re-issued. Without a valid
     * token, 403 and the cookie untouched (a cross-site page must not refresh anyone's session).
     * No session: {@code {}}.
     */
    private void update(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        if (!route.crossSite().csrfTokenValid(ctx, body)) throw HttpProblem.of(org.openml.auth.core.error.ErrorCode.CSRF_FAILED);
        Optional<Session> session = route.cookies().session(ctx, sessions, route.seenFrom(ctx));
        if (session.isEmpty()) {
            Json.send(ctx, 200, Map.of());
            return;
        }
        Optional<IssuedSession> renewed = sessions.update(session.get());
        if (renewed.isEmpty()) {
            route.cookies().clearSession(ctx);
            Json.send(ctx, 200, Map.of());
            return;
        }
        route.setSession(ctx, renewed.get());
        Json.send(ctx, 200, SessionRoutes.describe(renewed.get().session()));
    }

    /** The client's log lines: read (bounded by the 64 KiB body limit), never logged, counted per address. */
    private void log(Context ctx) {
        RequestBody.of(ctx);
        long minute = System.currentTimeMillis() / 60_000;
        if (minute != logWindow) {
            logWindow = minute;
            logBudget.clear();
        }
        if (logBudget.size() > 10_000) logBudget.clear(); // a flood of addresses: forget, rather than grow
        int[] used = logBudget.computeIfAbsent(route.client(ctx), k -> new int[1]);
        synchronized (used) {
            if (++used[0] > LOG_PER_MINUTE) {
                throw HttpProblem.of(org.openml.auth.core.error.ErrorCode.RATE_LIMITED).retryAfter(java.time.Duration.ofSeconds(60));
            }
        }
        Json.send(ctx, 200, Map.of());
    }
}
