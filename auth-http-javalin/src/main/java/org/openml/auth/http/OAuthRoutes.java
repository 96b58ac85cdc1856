package org.openml.auth.http;

import org.openml.auth.core.domain.Printable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.FederatedSignIn;
import org.openml.auth.core.port.in.FederatedSignIn.FinishResult;
import org.openml.auth.core.port.in.FederatedSignIn.StartResult;
import org.openml.auth.core.port.in.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub / Google sign-in: {@code GET|POST /api/auth/signin/{provider}} sends the browser to the
 * provider, {@code GET /api/auth/callback/{provider}} completes the sign-in. Errors send the
 * browser to {@code /auth/error?error=<next-auth code>&code=<machine code>}.
 */
final class OAuthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthRoutes.class);

    private final FederatedSignIn federated;
    private final Sessions sessions;
    private final CookieSettings cookies;
    private final CrossSiteCheck crossSite;
    private final RedirectTargets redirects;
    private final Clock clock;
    private final String stateCookie;
    private final AuditTrail audit;

    OAuthRoutes(FederatedSignIn federated, Sessions sessions, CookieSettings cookies, CrossSiteCheck crossSite,
            RedirectTargets redirects, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.federated = federated;
        this.sessions = sessions;
        this.cookies = cookies;
        this.crossSite = crossSite;
        this.redirects = redirects;
        this.clock = clock;
        this.stateCookie = (cookies.secure ? "__Secure-" : "") + "openml-auth.oauth-state";
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
        if (!crossSite.csrfTokenOrSameOrigin(ctx, body)) {
            String url = redirects.base() + "/auth/sign-in?csrf=true";
            if (json) {
                Json.send(ctx, 403, Map.of("url", url, "code", ErrorCode.CSRF_FAILED.code(), "message", ErrorCode.CSRF_FAILED.message()));
            } else {
                ctx.redirect(url, HttpStatus.FOUND);
            }
            return;
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
                    Optional.ofNullable(ctx.queryParam("error"))));
        } catch (AuthException e) {
            // A browser is waiting for a page, not JSON: send it to the error page with the code.
            LOG.warn("{} callback failed: {} ({})", Printable.of(ctx.pathParam("provider")), e.code().code(), Printable.of(e.getMessage(), 300));
            Method.ofProvider(ctx.pathParam("provider")).ifPresent(m -> audit.signInFailed(ctx, null, m));
            ctx.redirect(errorUrl(e.code()), HttpStatus.FOUND);
            return;
        } catch (RuntimeException e) {
            LOG.error("{} callback failed unexpectedly", Printable.of(ctx.pathParam("provider")), e);
            ctx.redirect(errorUrl(ErrorCode.INTERNAL), HttpStatus.FOUND);
            return;
        }
        Optional<Method> method = Method.ofProvider(ctx.pathParam("provider"));
        if (result instanceof FinishResult.SignedIn signedIn && method.isPresent()) {
            recordSignIn(ctx, signedIn, method.get());
        } else if (method.isPresent()) {
            // No verified account behind a refused callback: the application log is its trail.
            audit.signInFailed(ctx, null, method.get());
        }
        if (result instanceof FinishResult.SignedIn signedIn) {
            IssuedSession issued = sessions.issue(signedIn.user());
            cookies.setSession(ctx, issued.token(), issued.session().expiresAt(), clock.instant());
            ctx.redirect(redirects.sameOrigin(signedIn.callbackUrl()), HttpStatus.FOUND);
        } else {
            ctx.redirect(errorUrl(((FinishResult.Refused) result).code()), HttpStatus.FOUND);
        }
    }

    private void recordSignIn(Context ctx, FinishResult.SignedIn signedIn, Method method) {
        UserId user = signedIn.user().id();
        Optional<String> provider = Optional.of(method == Method.GITHUB ? "GitHub" : "Google");
        if (signedIn.match() == FederatedSignIn.AccountMatch.CREATED) {
            audit.succeeded(ctx, user, Type.ACCOUNT_CREATED, method, provider);
        } else if (signedIn.match() == FederatedSignIn.AccountMatch.LINKED_BY_EMAIL) {
            audit.succeeded(ctx, user, Type.ACCOUNT_LINKED, method, provider);
        } else if (signedIn.match() == FederatedSignIn.AccountMatch.RECLAIMED_BY_EMAIL) {
            audit.succeeded(ctx, user, Type.ACCOUNT_RECLAIMED, method, provider);
            audit.succeeded(ctx, user, Type.ACCOUNT_LINKED, method, provider);
        }
        audit.succeeded(ctx, user, Type.SIGN_IN, method, Optional.empty());
    }

    private String errorUrl(ErrorCode code) {
        return redirects.base() + "/auth/error?error=" + URLEncoder.encode(nextAuthError(code), StandardCharsets.UTF_8)
                + "&code=" + URLEncoder.encode(code.code(), StandardCharsets.UTF_8);
    }

    // Path / (not /api/auth/callback): embedding apps may mount the routes under a prefix.
    private void setStateCookie(Context ctx, String value) {
        ctx.res().addHeader("Set-Cookie", stateCookie + "=" + value + "; Path=/; Max-Age="
                + FederatedSignIn.STATE_TTL.toSeconds() + "; HttpOnly; SameSite=Lax" + (cookies.secure ? "; Secure" : ""));
    }

    private void clearStateCookie(Context ctx) {
        if (ctx.cookie(stateCookie) == null) return;
        ctx.res().addHeader("Set-Cookie", stateCookie + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly;"
                + " SameSite=Lax" + (cookies.secure ? "; Secure" : ""));
    }
}
