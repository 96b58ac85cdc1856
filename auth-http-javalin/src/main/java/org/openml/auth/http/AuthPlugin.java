package org.openml.auth.http;

import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import java.time.Clock;
import java.util.Objects;
import org.openml.auth.core.usecase.AuthServices;

/**
 * The HTTP contract as a Javalin plugin: register it in any Javalin 7 app.
 *
 * <pre>{@code
 * Javalin.create(config -> {
 *     config.registerPlugin(new AuthPlugin(authServices, Clock.systemUTC(), ""));
 *     ErrorResponses.install(config.routes); // JSON answers for errors, if the app has none of its own
 * });
 * }</pre>
 *
 * <p>{@link #withWebPages()} also serves the sign-in, sign-up and account pages (under the prefix).
 */
public final class AuthPlugin extends Plugin<Void> {
    private final AuthServices services;
    private final Clock clock;
    private final String prefix;
    private boolean webPages;
    private ClientAddress clients = ClientAddress.direct();
    private String signInPage;
    private String errorPage;

    /**
     * @param services the assembled use cases
     * @param clock the clock the services use (for cookie lifetimes)
     * @param prefix a path prefix for every route (e.g. {@code "/auth-service"}), or {@code ""}
     */
    public AuthPlugin(AuthServices services, Clock clock, String prefix) {
        this.services = Objects.requireNonNull(services, "services");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.prefix = normalise(prefix);
    }

    /**
     * Also serves the web pages ({@code /auth/sign-in}, {@code /auth/sign-up},
     * {@code /auth/confirm-email}, {@code /auth/forgot-password}, {@code /auth/reset-password},
     * {@code /auth/error}, {@code /account} and their {@code /auth/assets/…}), which call only the
     * routes above. Leave it off when another front end (OpenML's Next.js app) owns those paths.
     *
     * @return this plugin
     */
    public AuthPlugin withWebPages() {
        this.webPages = true;
        return this;
    }

    /**
     * How client addresses are found (for rate limits and the API-key audit); default
     * {@link ClientAddress#direct()}, the socket peer. Behind a reverse proxy pass
     * {@link ClientAddress#trusting} with the proxy's addresses, or every client shares the proxy's.
     *
     * @return this plugin
     */
    public AuthPlugin clientAddress(ClientAddress resolver) {
        this.clients = Objects.requireNonNull(resolver, "resolver");
        return this;
    }

    /**
     * Where next-auth's {@code GET /api/auth/signin} and {@code /api/auth/error} send the browser: a
     * path on the public origin or a URL (e.g. OpenML's Next.js pages); null keeps the bundled pages
     * ({@code /auth/sign-in}, {@code /auth/error}).
     *
     * @return this plugin
     */
    public AuthPlugin pages(String signIn, String error) {
        this.signInPage = signIn;
        this.errorPage = error;
        return this;
    }

    @Override
    public void onInitialize(JavalinState state) {
        SecurityHeaders headers = new SecurityHeaders(services.publicUrl());
        // Before the handlers, so refusals and errors carry them too.
        state.routes.before(prefix + "/api/*", ctx -> {
            headers.api(ctx);
            RequestBody.refuseDeclaredOversize(ctx);
        });
        state.routes.after(prefix + "/api/*", RequestBody::drainUnread);
        RouteContext route = RouteContext.of(services, clients, clock);
        new AccountRoutes(route).mount(state.routes, prefix);
        new SessionRoutes(route).mount(state.routes, prefix);
        new NextAuthClientRoutes(route, page(signInPage, route, "/auth/sign-in"), page(errorPage, route, "/auth/error"))
                .mount(state.routes, prefix);
        new OAuthRoutes(route).mount(state.routes, prefix);
        new ApiKeyRoutes(route).mount(state.routes, prefix);
        new PasskeyRoutes(route).mount(state.routes, prefix);
        new ActivityRoutes(route).mount(state.routes, prefix);
        new AccountSettingsRoutes(route).mount(state.routes, prefix);
        new DeviceRoutes(route).mount(state.routes, prefix);
        new AdminRoutes(route).mount(state.routes, prefix);
        new EmailChangeRoutes(route).mount(state.routes, prefix);
        if (webPages) new WebPages(prefix, headers).mount(state.routes);
    }

    private static String page(String configured, RouteContext route, String bundled) {
        if (configured == null || configured.isBlank()) return route.base() + bundled;
        return configured.startsWith("/") ? route.base() + configured : configured;
    }

    @Override
    public String name() {
        return "openml-auth";
    }

    private static String normalise(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.equals("/")) return "";
        String p = prefix.startsWith("/") ? prefix : "/" + prefix;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
