package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.RateLimitedException;
import org.openml.auth.core.port.in.PasswordSignIn;
import org.openml.auth.core.port.in.PasswordSignIn.SignInResult;
import org.openml.auth.core.port.in.RateLimits;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.session.CsrfTokens;

/** NextAuth v4's REST routes: csrf, providers, credentials callback, session, sign-out. */
final class SessionRoutes {
    private final PasswordSignIn signIn;
    private final Sessions sessions;
    private final CsrfTokens csrf;
    private final CookieSettings cookies;
    private final CrossSiteCheck crossSite;
    private final RedirectTargets redirects;
    private final Clock clock;
    private final AuditTrail audit;
    private final String publicUrl;
    private final RateLimits limits;
    private final ClientAddress clients;
    /** GitHub / Google sign-in, listed by the providers route; null when the plugin has none. */
    private org.openml.auth.core.port.in.FederatedSignIn federated;

    SessionRoutes(PasswordSignIn signIn, Sessions sessions, CsrfTokens csrf, CookieSettings cookies, CrossSiteCheck crossSite,
            URI publicUrl, Clock clock, AuditTrail audit, RateLimits limits, ClientAddress clients) {
        this.signIn = signIn;
        this.limits = limits;
        this.clients = clients;
        this.sessions = sessions;
        this.csrf = csrf;
        this.cookies = cookies;
        this.crossSite = crossSite;
        this.redirects = new RedirectTargets(publicUrl);
        this.clock = clock;
        this.audit = audit;
        this.publicUrl = redirects.base();
    }

    /** Lists {@code federated}'s providers in {@code GET /api/auth/providers} too. */
    SessionRoutes federated(org.openml.auth.core.port.in.FederatedSignIn federated) {
        this.federated = federated;
        return this;
    }

    void mount(RoutesConfig routes, String prefix) {
        routes.get(prefix + "/api/auth/csrf", this::csrfToken);
        routes.get(prefix + "/api/auth/providers", this::providers);
        routes.post(prefix + "/api/auth/callback/credentials", this::credentialsCallback);
        routes.get(prefix + "/api/auth/session", this::session);
        routes.post(prefix + "/api/auth/signout", this::signOut);
        routes.post(prefix + "/api/auth/signout-everywhere", this::signOutEverywhere);
    }

    private void csrfToken(Context ctx) {
        // Like next-auth: keep the token of a genuine cookie, so open tabs keep working.
        Optional<String> existing = cookies.csrfCookie(ctx).flatMap(csrf::tokenFromCookie);
        String token;
        if (existing.isPresent()) {
            token = existing.get();
        } else {
            CsrfTokens.Issued issued = csrf.issue();
            cookies.setCsrf(ctx, issued.cookieValue());
            token = issued.token();
        }
        Json.send(ctx, 200, Map.of("csrfToken", token));
    }

    private void providers(Context ctx) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("id", "credentials");
        credentials.put("name", "OpenML Account");
        credentials.put("type", "credentials");
        credentials.put("signinUrl", publicUrl + "/api/auth/signin/credentials");
        credentials.put("callbackUrl", publicUrl + "/api/auth/callback/credentials");
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("credentials", credentials);
        if (federated != null) all.putAll(OAuthRoutes.describe(federated, publicUrl));
        Json.send(ctx, 200, all);
    }

    /** The {@code error} next-auth's client reads from the URL when one client address sent too many sign-ins. */
    static final String TOO_MANY_REQUESTS_ERROR = "TooManyRequests";
    /** The {@code error} when password sign-in for the email/username is paused after repeated failures. */
    static final String SIGN_IN_LOCKED_ERROR = "SignInLocked";

    private void credentialsCallback(Context ctx) {
        // Under a flood, say "busy" (503, Retry-After) before reading the body, checking CSRF or the database.
        signIn.checkCapacity();
        RequestBody body = RequestBody.of(ctx);
        boolean json = !body.isForm() || body.text("json").map("true"::equals).orElse(false);
        String client = clients.of(ctx);
        try {
            // Refusals from this address are counted, not sign-ins: a class behind one NAT address all get in.
            limits.checkSignInClient(client);
        } catch (RateLimitedException limited) {
            ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
            answerWithUrl(ctx, json, 429, publicUrl + "/auth/error?error=" + TOO_MANY_REQUESTS_ERROR, limited.code());
            return;
        }
        if (!crossSite.csrfTokenValid(ctx, body)) {
            limits.signInRefused(client);
            answerWithUrl(ctx, json, 403, publicUrl + "/auth/sign-in?csrf=true", ErrorCode.CSRF_FAILED);
            return;
        }
        String callbackUrl = redirects.sameOrigin(body.textOrNull("callbackUrl"));
        String login = body.textOrNull("email");
        SignInResult result = signIn.signIn(login, body.textOrNull("password"));
        if (result instanceof SignInResult.SignedIn signedIn) {
            audit.succeeded(ctx, signedIn.user().id(), Type.SIGN_IN, Method.PASSWORD, Optional.empty());
            IssuedSession issued = sessions.issue(signedIn.user());
            cookies.setSession(ctx, issued.token(), issued.session().expiresAt(), clock.instant());
            answerWithUrl(ctx, json, 200, callbackUrl, null);
        } else if (result instanceof SignInResult.InvalidCredentials invalid) {
            limits.signInRefused(client);
            audit.signInFailed(ctx, login, Method.PASSWORD);
            if (invalid.pauseStarted()) audit.lockedOut(ctx, login);
            answerWithUrl(ctx, json, 401, publicUrl + "/auth/error?error=CredentialsSignin", invalid.code());
        } else if (result instanceof SignInResult.Locked locked) {
            limits.signInRefused(client);
            ctx.header("Retry-After", Long.toString(RateLimitedException.seconds(locked.retryAfter())));
            answerWithUrl(ctx, json, 429, publicUrl + "/auth/error?error=" + SIGN_IN_LOCKED_ERROR, locked.code());
        } else {
            throw new IllegalStateException("unmapped sign-in result " + result.getClass().getSimpleName());
        }
    }

    private void session(Context ctx) {
        // A cookie we cannot use (expired, forged, old secret, revoked) is removed, as next-auth does.
        Optional<Session> session = cookies.session(ctx, sessions);
        if (session.isEmpty()) {
            Json.send(ctx, 200, Map.of());
            return;
        }
        IssuedSession renewed = sessions.refresh(session.get());
        cookies.setSession(ctx, renewed.token(), renewed.session().expiresAt(), clock.instant());
        Json.send(ctx, 200, describe(renewed.session()));
    }

    private void signOut(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        boolean json = !body.isForm() || body.text("json").map("true"::equals).orElse(false);
        if (!crossSite.csrfTokenValid(ctx, body)) {
            answerWithUrl(ctx, json, 403, publicUrl + "/auth/sign-in?csrf=true", ErrorCode.CSRF_FAILED);
            return;
        }
        cookies.clearSession(ctx);
        answerWithUrl(ctx, json, 200, redirects.sameOrigin(body.textOrNull("callbackUrl")), null);
    }

    /**
     * Ends every session of the signed-in user on every node (this one too) and clears this
     * browser's cookie. Cookie sessions need the CSRF token, as sign-out does; a Bearer session
     * token is not sent by browsers on their own, so it needs none.
     */
    private void signOutEverywhere(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        boolean json = !body.isForm() || body.text("json").map("true"::equals).orElse(false);
        Optional<Session> session = cookies.session(ctx, sessions);
        if (session.isEmpty()) {
            ErrorResponses.send(ctx, 401, ErrorCode.UNAUTHORIZED.code(), ErrorCode.UNAUTHORIZED.message());
            return;
        }
        if (!CookieSettings.bearer(ctx) && !crossSite.csrfTokenValid(ctx, body)) {
            answerWithUrl(ctx, json, 403, publicUrl + "/auth/sign-in?csrf=true", ErrorCode.CSRF_FAILED);
            return;
        }
        sessions.revokeAll(session.get().userId());
        cookies.clearSession(ctx);
        answerWithUrl(ctx, json, 200, redirects.sameOrigin(body.textOrNull("callbackUrl")), null);
    }

    /** The session as {@code GET /api/auth/session} shows it (OpenML's session callback shape). */
    static Map<String, Object> describe(Session session) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", Long.toString(session.userId().value()));
        user.put("name", session.name());
        user.put("email", session.email());
        user.put("image", session.picture().orElse(null));
        user.put("username", session.username());
        user.put("firstName", session.firstName());
        user.put("lastName", session.lastName());
        user.put("isLocalUser", session.localUser());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", user);
        answer.put("expires", DateTimeFormatter.ISO_INSTANT.format(session.expiresAt()));
        session.apiKey().ifPresent(key -> answer.put("apikey", key));
        return answer;
    }

    /** NextAuth's client posts {@code json=true} and reads {@code url}; plain form posts get a redirect. */
    private static void answerWithUrl(Context ctx, boolean json, int status, String url, ErrorCode code) {
        if (json) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("url", url);
            if (code != null) {
                answer.put("code", code.code());
                answer.put("message", code.message());
            }
            Json.send(ctx, status, answer);
        } else {
            ctx.redirect(url, io.javalin.http.HttpStatus.FOUND);
        }
    }
}
