package org.openml.auth.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Passkey;
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
import org.openml.auth.core.port.in.Refusal;

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

    private final RouteContext route;
    private final Optional<Passkeys> passkeys;

    PasskeyRoutes(RouteContext route) {
        this.route = route;
        this.passkeys = route.services().passkeys();
    }

    void mount(RoutesConfig routes, String prefix) {
        String p = prefix + PATH;
        routes.before(p + "*", ErrorResponses.messageUnderError());
        routes.post(p + "signup-options", enabled(this::signUpOptions));
        routes.post(p + "signup-verify", enabled(this::signUpVerify));
        routes.get(p + "login-options", enabled(this::loginOptions));
        routes.post(p + "login-verify", enabled(this::loginVerify));
        routes.post(p + "register-options", enabled(this::registerOptions));
        routes.get(p + "register-options", enabled(this::registerOptions));
        routes.post(p + "register-verify", enabled(this::registerVerify));
        routes.get(p + "list", enabled(this::list));
        routes.post(p + "remove", enabled(this::remove));
        routes.delete(p + "remove", enabled(this::remove));
        routes.post(p + "rename", enabled(this::rename));
    }

    private interface PasskeyHandler {
        void handle(Context ctx, Passkeys passkeys) throws Exception;
    }

    private Handler enabled(PasskeyHandler handler) {
        return ctx -> handler.handle(ctx, passkeys.orElseThrow(() -> HttpProblem.of(ErrorCode.PASSKEYS_DISABLED)));
    }

    // ---- sign-up and sign-in (no session needed) ----

    private void signUpOptions(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        SignUpStart result = passkeys.startSignUp(new Passkeys.SignUpCommand(
                body.textOrNull("firstName"), body.textOrNull("lastName"), body.textOrNull("email"), route.client(ctx)));
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        sendOptions(ctx, SIGN_UP_COOKIE, ((SignUpStart.Started) result).ceremony());
    }

    private void signUpVerify(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        String credential = credentialJson(body);
        String ceremony = ctx.cookie(cookieName(SIGN_UP_COOKIE));
        clearCeremonyCookie(ctx, SIGN_UP_COOKIE);
        SignUpResult result = passkeys.finishSignUp(ceremony, credential, body.textOrNull("deviceName"), route.client(ctx));
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        SignUpResult.SignedUp signedUp = (SignUpResult.SignedUp) result;
        answerSignedIn(ctx, signedUp.user(), signedUp.session(), body);
    }

    private void loginOptions(Context ctx, Passkeys passkeys) {
        sendOptions(ctx, SIGN_IN_COOKIE, passkeys.startSignIn(route.client(ctx)));
    }

    private void loginVerify(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        // Only the credential counts: an {accessToken, user} object (OpenML's forgeable shape) is no credential.
        String credential = credentialJson(body);
        String ceremony = ctx.cookie(cookieName(SIGN_IN_COOKIE));
        clearCeremonyCookie(ctx, SIGN_IN_COOKIE);
        SignInResult result = passkeys.finishSignIn(ceremony, credential, route.client(ctx));
        if (result instanceof Refusal refusal && refusal.code() == ErrorCode.PASSKEY_UNKNOWN_CREDENTIAL) {
            // The page passes this to PublicKeyCredential.signalUnknownCredential, so the provider stops offering it.
            throw HttpProblem.of(refusal).field("unknownCredential", true);
        }
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        SignInResult.SignedIn signedIn = (SignInResult.SignedIn) result;
        answerSignedIn(ctx, signedIn.user(), signedIn.session(), body);
    }

    // ---- the signed-in user's passkeys ----

    private void registerOptions(Context ctx, Passkeys passkeys) {
        var session = route.signedIn(ctx).session();
        // ?conditional=true: the page asks the browser to save a passkey on its own, right after a password sign-in.
        AddStart result = "true".equals(ctx.queryParam("conditional"))
                ? passkeys.startConditionalAdding(session, route.client(ctx))
                : passkeys.startAdding(session.userId(), route.client(ctx));
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        sendOptions(ctx, ADD_COOKIE, ((AddStart.Started) result).ceremony());
    }

    private void registerVerify(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        UserId user = route.signedInSameSite(ctx, body).session().userId();
        String credential = credentialJson(body);
        String ceremony = ctx.cookie(cookieName(ADD_COOKIE));
        clearCeremonyCookie(ctx, ADD_COOKIE);
        AddResult result = passkeys.finishAdding(user, ceremony, credential, body.textOrNull("deviceName"), route.client(ctx));
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        Json.send(ctx, 200, Map.of("success", true));
    }

    private void list(Context ctx, Passkeys passkeys) {
        UserId user = route.signedIn(ctx).session().userId();
        List<Passkey> held = passkeys.list(user);
        List<Map<String, Object>> items = held.stream().map(p -> describe(p, passkeys.provider(p))).toList();
        // What WebAuthn's Signal API needs to tell the browser's passkey provider which passkeys are still good.
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("passkeys", items);
        answer.put("rpId", passkeys.rpId());
        answer.put("userHandle", held.isEmpty() ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(held.get(0).userHandle()));
        Json.send(ctx, 200, answer);
    }

    private void remove(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        UserId user = route.signedInSameSite(ctx, body).session().userId();
        answerChange(ctx, passkeys.remove(user, passkeyId(ctx, body), route.client(ctx)));
    }

    private void rename(Context ctx, Passkeys passkeys) {
        RequestBody body = RequestBody.of(ctx);
        UserId user = route.signedInSameSite(ctx, body).session().userId();
        answerChange(ctx, passkeys.rename(user, passkeyId(ctx, body), body.textOrNull("deviceName"), route.client(ctx)));
    }

    private static void answerChange(Context ctx, ChangeResult result) {
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        Json.send(ctx, 200, Map.of("success", true));
    }

    static Map<String, Object> describe(Passkey p, Optional<org.openml.auth.core.domain.PasskeyProvider> provider) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", p.id());
        item.put("deviceName", p.deviceName());
        item.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(p.createdAt()));
        item.put("lastUsedAt", p.lastUsedAt().map(DateTimeFormatter.ISO_INSTANT::format).orElse(null));
        item.put("provider", provider.map(PasskeyRoutes::describe).orElse(null));
        item.put("backedUp", p.backupState());
        // The credential id (base64url), so the page can tell the browser which passkeys this server still accepts.
        item.put("credentialId", p.credentialId().base64Url());
        return item;
    }

    private static Map<String, Object> describe(org.openml.auth.core.domain.PasskeyProvider provider) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", provider.name());
        provider.iconLight().ifPresent(icon -> out.put("icon", icon));
        provider.iconDark().ifPresent(icon -> out.put("iconDark", icon));
        return out;
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
     * Hands the session to the browser and answers the user, and {@code url}: the body's {@code callbackUrl} when
     * it is on the public origin, else the public URL. Pages follow {@code url}, never their own
     * query string, so {@code ?callbackUrl=https://evil.example} leads nowhere else after a passkey
     * sign-in than after a password one.
     */
    private void answerSignedIn(Context ctx, User user, IssuedSession session, RequestBody body) {
        route.setSession(ctx, session);
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
        answer.put("url", route.redirects().sameOrigin(body.textOrNull("callbackUrl")));
        Json.send(ctx, 200, answer);
    }

    /** Sends the options JSON as is (already the bare WebAuthn JSON) and binds the ceremony to this browser. */
    private void sendOptions(Context ctx, String cookie, Ceremony ceremony) {
        ctx.res().addHeader("Set-Cookie", cookieName(cookie) + "=" + ceremony.id() + "; Path=/; Max-Age=" + CEREMONY_COOKIE_SECONDS
                + "; HttpOnly; SameSite=Lax" + (route.cookies().secure ? "; Secure" : ""));
        ctx.status(200).contentType("application/json").result(ceremony.optionsJson());
    }

    private void clearCeremonyCookie(Context ctx, String cookie) {
        if (ctx.cookie(cookieName(cookie)) == null) return;
        ctx.res().addHeader("Set-Cookie", cookieName(cookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                + (route.cookies().secure ? "; Secure" : ""));
    }

    /** Under https the cookie is {@code __Host-} prefixed: Secure, this host only, path /. */
    String cookieName(String base) {
        return (route.cookies().secure ? "__Host-" : "") + base;
    }

}
