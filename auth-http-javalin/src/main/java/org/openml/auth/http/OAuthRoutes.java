package org.openml.auth.http;

import org.openml.auth.core.domain.Printable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.FederatedSignIn;
import org.openml.auth.core.port.in.FederatedSignIn.FinishResult;
import org.openml.auth.core.port.in.FederatedSignIn.StartResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub / Google sign-in: {@code GET|POST /api/auth/signin/{provider}} sends the browser to the
 * provider, {@code GET /api/auth/callback/{provider}} completes the sign-in. Errors send the
 * browser to {@code /auth/error?error=<next-auth code>&code=<machine code>}.
 */
final class OAuthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthRoutes.class);

    private final RouteContext route;
    private final FederatedSignIn federated;
    private final RedirectTargets redirects;
    private final String stateCookie;

    OAuthRoutes(RouteContext route) {
        this.route = route;
        this.federated = route.services().federatedSignIn();
        this.redirects = route.redirects();
        this.stateCookie = (route.cookies().secure ? "__Secure-" : "") + "openml-auth.oauth-state";
    }

    void mount(RoutesConfig routes, String prefix) {
        routes.get(prefix + "/api/auth/signin/{provider}", this::signInGet);
        routes.post(prefix + "/api/auth/signin/{provider}", this::signInPost);
        routes.get(prefix + "/api/auth/callback/{provider}", this::callback);
    }

    /** The next-auth error name the sign-in pages know for a refusal code. */
    static String nextAuthError(ErrorCode code) {
        return switch (code) {
            case OAUTH_UNKNOWN_PROVIDER, OAUTH_SIGNIN_FAILED -> "OAuthSignin";
            case OAUTH_CALLBACK_FAILED, OAUTH_PROVIDER_UNAVAILABLE -> "OAuthCallback";
            case OAUTH_ACCESS_DENIED, OAUTH_NO_EMAIL, ACCOUNT_DISABLED -> "AccessDenied";
            case OAUTH_ACCOUNT_NOT_LINKED -> "OAuthAccountNotLinked";
            case OAUTH_EMAIL_NOT_VERIFIED -> "Verification";
            default -> "Default";
        };
    }

    /** The providers as {@code GET /api/auth/providers} lists them, after {@code credentials}. */
    static Map<String, Object> describe(FederatedSignIn federated, String base) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FederatedSignIn.ProviderInfo p : federated.providers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", p.id());
            entry.put("name", p.name());
            entry.put("type", "oauth");
            entry.put("signinUrl", base + "/api/auth/signin/" + p.id());
            entry.put("callbackUrl", base + "/api/auth/callback/" + p.id());
            out.put(p.id(), entry);
        }
        return out;
    }

    private void signInGet(Context ctx) {
        start(ctx, ctx.queryParam("callbackUrl"), false);
    }

    /** next-auth's client posts {@code csrfToken}, {@code callbackUrl} and {@code json=true}, and follows {@code url}. */
    private void signInPost(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        boolean json = !body.isForm() || body.text("json").map("true"::equals).orElse(false);
        if (!route.crossSite().csrfTokenOrSameOrigin(ctx, body)) {
            throw HttpProblem.toUrl(ErrorCode.CSRF_FAILED, redirects.base() + "/auth/sign-in?csrf=true", json);
        }
        start(ctx, body.textOrNull("callbackUrl"), json);
    }

    private void start(Context ctx, String callbackUrl, boolean json) {
        StartResult result = federated.start(ctx.pathParam("provider"), redirects.sameOrigin(callbackUrl));
        String url;
        if (result instanceof StartResult.Redirect redirect) {
            setStateCookie(ctx, redirect.browserId());
            url = redirect.location().toString();
        } else {
            url = errorUrl(((org.openml.auth.core.port.in.Refusal) result).code());
        }
        if (json) {
            Json.send(ctx, 200, Map.of("url", url));
        } else {
            ctx.redirect(url, HttpStatus.FOUND);
        }
    }

    private void callback(Context ctx) {
        Optional<String> browserId = Optional.ofNullable(ctx.cookie(stateCookie));
        clearStateCookie(ctx);
        FinishResult result;
        try {
            result = federated.finish(new FederatedSignIn.Callback(ctx.pathParam("provider"), browserId,
                    Optional.ofNullable(ctx.queryParam("state")), Optional.ofNullable(ctx.queryParam("code")),
                    Optional.ofNullable(ctx.queryParam("error")), route.client(ctx)));
        } catch (AuthException e) {
            // A browser is waiting for a page, not JSON: send it to the error page with the code.
            LOG.warn("{} callback failed: {} ({})", Printable.of(ctx.pathParam("provider")), e.code().code(), Printable.of(e.getMessage(), 300));
            ctx.redirect(errorUrl(e.code()), HttpStatus.FOUND);
            return;
        } catch (RuntimeException e) {
            LOG.error("{} callback failed unexpectedly", Printable.of(ctx.pathParam("provider")), e);
            ctx.redirect(errorUrl(ErrorCode.INTERNAL), HttpStatus.FOUND);
            return;
        }
        if (result instanceof FinishResult.SignedIn signedIn) {
            route.setSession(ctx, signedIn.session());
            ctx.redirect(redirects.sameOrigin(signedIn.callbackUrl()), HttpStatus.FOUND);
        } else {
            ctx.redirect(errorUrl(((FinishResult.Refused) result).code()), HttpStatus.FOUND);
        }
    }

    private String errorUrl(ErrorCode code) {
        return redirects.base() + "/auth/error?error=" + URLEncoder.encode(nextAuthError(code), StandardCharsets.UTF_8)
                + "&code=" + URLEncoder.encode(code.code(), StandardCharsets.UTF_8);
    }

    // Path / (not /api/auth/callback): embedding apps may mount the routes under a prefix.
    private void setStateCookie(Context ctx, String value) {
        ctx.res().addHeader("Set-Cookie", stateCookie + "=" + value + "; Path=/; Max-Age="
                + FederatedSignIn.STATE_TTL.toSeconds() + "; HttpOnly; SameSite=Lax" + (route.cookies().secure ? "; Secure" : ""));
    }

    private void clearStateCookie(Context ctx) {
        if (ctx.cookie(stateCookie) == null) return;
        ctx.res().addHeader("Set-Cookie", stateCookie + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly;"
                + " SameSite=Lax" + (route.cookies().secure ? "; Secure" : ""));
    }
}
