package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.PasswordSignIn;
import org.openml.auth.core.port.in.PasswordSignIn.SignInCommand;
import org.openml.auth.core.port.in.PasswordSignIn.SignInResult;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.session.CsrfTokens;

/** NextAuth v4's REST routes: csrf, providers, credentials callback, session, sign-out. */
final class SessionRoutes {
    private final RouteContext route;
    private final PasswordSignIn signIn;
    private final Sessions sessions;
    private final CsrfTokens csrf;
    private final String publicUrl;

    SessionRoutes(RouteContext route) {
        this.route = route;
        this.signIn = route.services().passwordSignIn();
        this.sessions = route.services().sessions();
        this.csrf = route.services().csrfTokens();
        this.publicUrl = route.base();
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
        Optional<String> existing = route.cookies().csrfCookie(ctx).flatMap(csrf::tokenFromCookie);
        String token;
        if (existing.isPresent()) {
            token = existing.get();
        } else {
            CsrfTokens.Issued issued = csrf.issue();
            route.cookies().setCsrf(ctx, issued.cookieValue());
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
        all.putAll(OAuthRoutes.describe(route.services().federatedSignIn(), publicUrl));
        Json.send(ctx, 200, all);
    }

    /** The {@code error} next-auth's client reads from the URL when one client address sent too many sign-ins. */
    static final String TOO_MANY_REQUESTS_ERROR = "TooManyRequests";
    /** The {@code error} when password sign-in for the email/username is paused after repeated failures. */
    static final String SIGN_IN_LOCKED_ERROR = "SignInLocked";

    private void credentialsCallback(Context ctx) {
        // Under a flood, "busy" (503, Retry-After) before reading the body or checking CSRF; signIn checks again.
        signIn.checkCapacity();
        RequestBody body = RequestBody.of(ctx);
        boolean json = wantsJson(body);
        String client = route.client(ctx);
        if (!route.crossSite().csrfTokenValid(ctx, body)) {
            // No sign-in happened, but a forged post is a refusal from this address all the same.
            route.services().rateLimits().signInRefused(client);
            throw csrfFailed(json);
        }
        SignInResult result = signIn.signIn(new SignInCommand(body.textOrNull("email"), body.textOrNull("password"), client));
        if (result instanceof SignInResult.SignedIn signedIn) {
            route.setSession(ctx, signedIn.session());
            answerWithUrl(ctx, json, route.redirects().sameOrigin(body.textOrNull("callbackUrl")));
        } else if (result instanceof SignInResult.InvalidCredentials invalid) {
            throw HttpProblem.toUrl(invalid.code(), publicUrl + "/auth/error?error=CredentialsSignin", json);
        } else if (result instanceof SignInResult.Locked locked) {
            throw HttpProblem.toUrl(locked.code(), publicUrl + "/auth/error?error=" + SIGN_IN_LOCKED_ERROR, json)
                    .retryAfter(locked.retryAfter());
        } else if (result instanceof SignInResult.TooManyAttempts limited) {
            throw HttpProblem.toUrl(limited.code(), publicUrl + "/auth/error?error=" + TOO_MANY_REQUESTS_ERROR, json)
                    .retryAfter(limited.retryAfter());
        } else {
            throw new IllegalStateException("unmapped sign-in result " + result.getClass().getSimpleName());
        }
    }

    private void session(Context ctx) {
        // A cookie we cannot use (expired, forged, old secret, revoked) is removed, as next-auth does.
        Optional<Session> session = route.cookies().session(ctx, sessions, route.seenFrom(ctx));
        if (session.isEmpty()) {
            Json.send(ctx, 200, Map.of());
            return;
        }
        IssuedSession renewed = sessions.refresh(session.get());
        route.setSession(ctx, renewed);
        Json.send(ctx, 200, describe(renewed.session()));
    }

    private void signOut(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        boolean json = wantsJson(body);
        if (!route.crossSite().csrfTokenValid(ctx, body)) throw csrfFailed(json);
        // The token dies server-side too (a copy of the cookie is refused from now on), where it has a record.
        route.session(ctx).ifPresent(signedIn -> sessions.end(signedIn.session()));
        route.cookies().clearSession(ctx);
        answerWithUrl(ctx, json, route.redirects().sameOrigin(body.textOrNull("callbackUrl")));
    }

    /**
     * Ends every session of the signed-in user on every node (this one too) and clears this
     * browser's cookie. Cookie sessions need the CSRF token, as sign-out does; a Bearer session
     * token is not sent by browsers on their own, so it needs none.
     */
    private void signOutEverywhere(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        boolean json = wantsJson(body);
        SignedInRequest signedIn = route.signedIn(ctx);
        if (signedIn.byCookie() && !route.crossSite().csrfTokenValid(ctx, body)) throw csrfFailed(json);
        sessions.signOutEverywhere(signedIn.session().userId(), route.client(ctx));
        route.cookies().clearSession(ctx);
        answerWithUrl(ctx, json, route.redirects().sameOrigin(body.textOrNull("callbackUrl")));
    }

    /** NextAuth's client posts {@code json=true}; any JSON body is a client that reads JSON too. */
    private static boolean wantsJson(RequestBody body) {
        return !body.isForm() || body.text("json").map("true"::equals).orElse(false);
    }

    private HttpProblem csrfFailed(boolean json) {
        return HttpProblem.toUrl(ErrorCode.CSRF_FAILED, publicUrl + "/auth/sign-in?csrf=true", json);
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
    private static void answerWithUrl(Context ctx, boolean json, String url) {
        if (json) {
            Json.send(ctx, 200, Map.of("url", url));
        } else {
            ctx.redirect(url, io.javalin.http.HttpStatus.FOUND);
        }
    }
}
