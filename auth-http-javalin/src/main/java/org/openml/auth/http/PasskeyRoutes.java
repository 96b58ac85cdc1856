package org.openml.auth.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.Passkeys;
import org.openml.auth.core.port.in.Passkeys.AddResult;
import org.openml.auth.core.port.in.Passkeys.AddStart;
import org.openml.auth.core.port.in.Passkeys.Ceremony;
import org.openml.auth.core.port.in.Passkeys.ChangeResult;
import org.openml.auth.core.port.in.Passkeys.SignInResult;
import org.openml.auth.core.port.in.Passkeys.SignUpResult;
import org.openml.auth.core.port.in.Passkeys.SignUpStart;
import org.openml.auth.core.port.in.RateLimits;
import org.openml.auth.core.port.in.Refusal;
import org.openml.auth.core.port.in.Sessions;

/**
 * OpenML's passkey routes ({@code /api/auth/passkey/…}, error key {@code error}). Each ceremony
 * kind has its own cookie holding the ceremony id ({@code openml-auth.webauthn-signup},
 * {@code …-signin}, {@code …-add}; HttpOnly, SameSite=Lax, 5 minutes, {@code __Host-} prefix and
 * Secure under https), so a sign-in started by one tab does not cancel a sign-up in another. A
 * session is issued only from an assertion the server verified; nothing else in a body is trusted.
 * Without passkeys configured every route answers 404 {@code passkeys_disabled}.
 */
final class PasskeyRoutes {
    static final String PATH = "/api/auth/passkey/";
    static final String SIGN_UP_COOKIE = "openml-auth.webauthn-signup";
    static final String SIGN_IN_COOKIE = "openml-auth.webauthn-signin";
    static final String ADD_COOKIE = "openml-auth.webauthn-add";
    static final long CEREMONY_COOKIE_SECONDS = 300;

    private final Optional<Passkeys> passkeys;
    private final Sessions sessions;
    private final CookieSettings cookies;
    private final CrossSiteCheck crossSite;
    private final Clock clock;
    private final AuditTrail audit;
    private final RateLimits limits;
    private final ClientAddress clients;
    private final RedirectTargets redirects;

    PasskeyRoutes(Optional<Passkeys> passkeys, Sessions sessions, CookieSettings cookies, CrossSiteCheck crossSite, Clock clock,
            AuditTrail audit, RateLimits limits, ClientAddress clients, RedirectTargets redirects) {
        this.redirects = redirects;
        this.audit = audit;
        this.limits = limits;
        this.clients = clients;
        this.passkeys = passkeys;
        this.sessions = sessions;
        this.cookies = cookies;
        this.crossSite = crossSite;
        this.clock = clock;
    }

    void mount(RoutesConfig routes, String prefix) {
        String p = prefix + PATH;
        routes.post(p + "signup-options", limited(this::signUpOptions));
        routes.post(p + "signup-verify", limited(this::signUpVerify));
        routes.get(p + "login-options", limited(this::loginOptions));
        routes.post(p + "login-verify", limited(this::loginVerify));
        routes.post(p + "register-options", limited(this::registerOptions));
        routes.get(p + "register-options", limited(this::registerOptions));
        routes.post(p + "register-verify", limited(this::registerVerify));
        routes.get(p + "list", enabled(this::list));
        routes.post(p + "remove", enabled(this::remove));
        routes.delete(p + "remove", enabled(this::remove));
        routes.post(p + "rename", enabled(this::rename));
    }

    private interface PasskeyHandler {
        void handle(Context ctx, Passkeys passkeys) throws Exception;
    }

    /** The ceremony routes: counted per client address before any work. */
    private Handler limited(PasskeyHandler handler) {
        return enabled((ctx, passkeys) -> {
            limits.admit(RateLimits.Action.PASSKEY, clients.of(ctx));
            handler.handle(ctx, passkeys);
        });
    }

    private Handler enabled(PasskeyHandler handler) {
        return ctx -> {
            if (passkeys.isEmpty()) {
                ErrorResponses.send(ctx, 404, ErrorCode.PASSKEYS_DISABLED.code(), ErrorCode.PASSKEYS_DISABLED.message());
                return;
            }
            handler.handle(ctx, passkeys.get());
        };
    }

    // ---- sign-up and sign-in (no session needed) ----

    private void signUpOptions(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        SignUpStart result = passkeys.startSignUp(new Passkeys.SignUpCommand(
                body.textOrNull("firstName"), body.textOrNull("lastName"), body.textOrNull("email")));
        if (result instanceof SignUpStart.Started started) {
            sendOptions(ctx, SIGN_UP_COOKIE, started.ceremony());
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    private void signUpVerify(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        String credential = credentialJson(body);
        String ceremony = ctx.cookie(cookieName(SIGN_UP_COOKIE));
        clearCeremonyCookie(ctx, SIGN_UP_COOKIE);
        SignUpResult result = passkeys.finishSignUp(ceremony, credential, body.textOrNull("deviceName"), clients.of(ctx));
        if (result instanceof SignUpResult.SignedUp signedUp) {
            audit.succeeded(ctx, signedUp.user().id(), Type.ACCOUNT_CREATED, Method.PASSKEY,
                    Optional.of(signedUp.passkey().deviceName()));
            audit.succeeded(ctx, signedUp.user().id(), Type.SIGN_IN, Method.PASSKEY, Optional.of(signedUp.passkey().deviceName()));
            signInAndAnswer(ctx, signedUp.user(), body);
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    private void loginOptions(Context ctx, Passkeys passkeys) {
        sendOptions(ctx, SIGN_IN_COOKIE, passkeys.startSignIn());
    }

    private void loginVerify(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        // Only the credential counts: an {accessToken, user} object (OpenML's forgeable shape) is no credential.
        String credential = credentialJson(body);
        String ceremony = ctx.cookie(cookieName(SIGN_IN_COOKIE));
        clearCeremonyCookie(ctx, SIGN_IN_COOKIE);
        SignInResult result = passkeys.finishSignIn(ceremony, credential);
        if (result instanceof SignInResult.SignedIn signedIn) {
            audit.succeeded(ctx, signedIn.user().id(), Type.SIGN_IN, Method.PASSKEY, Optional.of(signedIn.passkey().deviceName()));
            signInAndAnswer(ctx, signedIn.user(), body);
        } else if (result instanceof Refusal refusal) {
            // Which account a refused assertion claims is unverified input: attributing it would let anyone write
            // into another user's history, so it goes to the application log only.
            audit.signInFailed(ctx, null, Method.PASSKEY);
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    // ---- the signed-in user's passkeys ----

    private void registerOptions(Context ctx, Passkeys passkeys) {
        AddStart result = passkeys.startAdding(SignedInRequest.require(ctx, cookies, sessions).session().userId());
        if (result instanceof AddStart.Started started) {
            sendOptions(ctx, ADD_COOKIE, started.ceremony());
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    private void registerVerify(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        UserId user = SignedInRequest.requireSameSite(ctx, cookies, sessions, crossSite, body).session().userId();
        String credential = credentialJson(body);
        String ceremony = ctx.cookie(cookieName(ADD_COOKIE));
        clearCeremonyCookie(ctx, ADD_COOKIE);
        AddResult result = passkeys.finishAdding(user, ceremony, credential, body.textOrNull("deviceName"));
        if (result instanceof AddResult.Added added) {
            audit.succeeded(ctx, user, Type.PASSKEY_ADDED, Method.SESSION,
                    Optional.of(added.passkey().deviceName()));
            Json.send(ctx, 200, Map.of("success", true));
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    private void list(Context ctx, Passkeys passkeys) {
        UserId user = SignedInRequest.require(ctx, cookies, sessions).session().userId();
        List<Map<String, Object>> items = passkeys.list(user).stream().map(PasskeyRoutes::describe).toList();
        Json.send(ctx, 200, Map.of("passkeys", items));
    }

    private void remove(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        UserId user = SignedInRequest.requireSameSite(ctx, cookies, sessions, crossSite, body).session().userId();
        String id = passkeyId(ctx, body);
        // Its name, for the history: after the removal it is gone.
        Optional<String> name = id == null ? Optional.empty() : passkeys.list(user).stream()
                .filter(p -> Long.toString(p.id()).equals(id.strip())).map(Passkey::deviceName).findFirst();
        ChangeResult result = passkeys.remove(user, id);
        if (result instanceof ChangeResult.Changed) audit.succeeded(ctx, user, Type.PASSKEY_REMOVED, Method.SESSION, name);
        answerChange(ctx, result);
    }

    private void rename(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        UserId user = SignedInRequest.requireSameSite(ctx, cookies, sessions, crossSite, body).session().userId();
        String name = body.textOrNull("deviceName");
        ChangeResult result = passkeys.rename(user, passkeyId(ctx, body), name);
        if (result instanceof ChangeResult.Changed) {
            audit.succeeded(ctx, user, Type.PASSKEY_RENAMED, Method.SESSION, Optional.ofNullable(name).map(String::strip));
        }
        answerChange(ctx, result);
    }

    private static void answerChange(Context ctx, ChangeResult result) {
        if (result instanceof ChangeResult.Changed) {
            Json.send(ctx, 200, Map.of("success", true));
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    static Map<String, Object> describe(Passkey p) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", p.id());
        item.put("deviceName", p.deviceName());
        item.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(p.createdAt()));
        item.put("lastUsedAt", p.lastUsedAt().map(DateTimeFormatter.ISO_INSTANT::format).orElse(null));
        return item;
    }

    // ---- helpers ----

    /** The passkey id from the body (string or number) or, for DELETE, the {@code passkeyId} query parameter. */
    private static String passkeyId(Context ctx, RequestBody body) {
        Optional<JsonNode> node = body.json("passkeyId");
        if (node.isPresent()) {
            if (node.get().isTextual()) return node.get().textValue();
            if (node.get().isIntegralNumber()) return node.get().asText();
            throw new HttpProblem(400, "invalid_field_type", "Field 'passkeyId' must be a string or a number");
        }
        if (body.isForm()) return body.textOrNull("passkeyId");
        return ctx.queryParam("passkeyId");
    }

    /**
     * The {@code credential} field as JSON text: the browser's {@code PublicKeyCredential.toJSON()}
     * object (or that object already serialised into a string); null when absent.
     */
    private static String credentialJson(RequestBody body) {
        Optional<JsonNode> node = body.json("credential");
        if (node.isEmpty()) return null;
        if (node.get().isObject()) return node.get().toString();
        if (node.get().isTextual()) return node.get().textValue();
        throw HttpProblem.of(ErrorCode.PASSKEY_CREDENTIAL_MALFORMED);
    }

    /**
     * Issues the session and answers the user, and {@code url}: the body's {@code callbackUrl} when
     * it is on the public origin, else the public URL. Pages follow {@code url}, never their own
     * query string, so {@code ?callbackUrl=https://evil.example} leads nowhere else after a passkey
     * sign-in than after a password one.
     */
    private void signInAndAnswer(Context ctx, User user, RequestBody body) {
        IssuedSession issued = sessions.issue(user);
        cookies.setSession(ctx, issued.token(), issued.session().expiresAt(), clock.instant());
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", user.id().value());
        described.put("username", user.username().value());
        described.put("email", user.email().value());
        described.put("firstName", user.firstName());
        described.put("lastName", user.lastName());
        described.put("image", user.image().orElse(null));
        described.put("apikey", user.apiKey().map(ApiKey::value).orElse(null));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("user", described);
        answer.put("url", redirects.sameOrigin(body.textOrNull("callbackUrl")));
        Json.send(ctx, 200, answer);
    }

    /** Sends the options JSON as is (already the bare WebAuthn JSON) and binds the ceremony to this browser. */
    private void sendOptions(Context ctx, String cookie, Ceremony ceremony) {
        ctx.res().addHeader("Set-Cookie", cookieName(cookie) + "=" + ceremony.id() + "; Path=/; Max-Age=" + CEREMONY_COOKIE_SECONDS
                + "; HttpOnly; SameSite=Lax" + (cookies.secure ? "; Secure" : ""));
        ctx.status(200).contentType("application/json").result(ceremony.optionsJson());
    }

    private void clearCeremonyCookie(Context ctx, String cookie) {
        if (ctx.cookie(cookieName(cookie)) == null) return;
        ctx.res().addHeader("Set-Cookie", cookieName(cookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                + (cookies.secure ? "; Secure" : ""));
    }

    /** Under https the cookie is {@code __Host-} prefixed: Secure, this host only, path /. */
    String cookieName(String base) {
        return (cookies.secure ? "__Host-" : "") + base;
    }

}
