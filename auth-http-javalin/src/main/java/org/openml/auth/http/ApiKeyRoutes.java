package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.ApiKeys;
import org.openml.auth.core.port.in.ApiKeys.RegenerateResult;
import org.openml.auth.core.port.in.ApiKeys.ShowResult;
import org.openml.auth.core.port.in.RateLimits;
import org.openml.auth.core.port.in.Refusal;
import org.openml.auth.core.port.in.Sessions;

/** The signed-in user's API key (view, regenerate), and {@code whoami} for services holding a key. */
final class ApiKeyRoutes {
    /** OpenML's REST API answers a missing or wrong key with its legacy code 103. */
    static final int LEGACY_AUTHENTICATION_FAILED = 103;

    private final ApiKeys apiKeys;
    private final Sessions sessions;
    private final CookieSettings cookies;
    private final CrossSiteCheck crossSite;
    private final Clock clock;
    private final AuditTrail audit;
    private final RateLimits limits;
    private final ClientAddress clients;

    ApiKeyRoutes(ApiKeys apiKeys, Sessions sessions, CookieSettings cookies, CrossSiteCheck crossSite, Clock clock,
            AuditTrail audit, RateLimits limits, ClientAddress clients) {
        this.audit = audit;
        this.limits = limits;
        this.clients = clients;
        this.apiKeys = apiKeys;
        this.sessions = sessions;
        this.cookies = cookies;
        this.crossSite = crossSite;
        this.clock = clock;
    }

    void mount(RoutesConfig routes, String prefix) {
        routes.get(prefix + "/api/user/api-key", this::show);
        routes.post(prefix + "/api/user/api-key/regenerate", this::regenerate);
        routes.get(prefix + "/api/user/whoami", this::whoami);
        routes.post(prefix + "/api/user/whoami", this::whoami);
    }

    private void show(Context ctx) {
        SignedInRequest signedIn = SignedInRequest.require(ctx, cookies, sessions);
        ShowResult result = apiKeys.show(signedIn.session().userId());
        if (result instanceof ShowResult.Shown shown) {
            // The key may have changed since the cookie was made (first key, another device): keep the session current.
            if (signedIn.byCookie() && !signedIn.session().apiKey().equals(Optional.of(shown.key().value()))) {
                reissue(ctx, signedIn.session(), shown.key());
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("apikey", shown.key().value());
            answer.put("lastRegeneratedAt", shown.lastRegeneration()
                    .map(r -> DateTimeFormatter.ISO_INSTANT.format(r.at())).orElse(null));
            Json.send(ctx, 200, answer);
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    private void regenerate(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        SignedInRequest signedIn = SignedInRequest.requireSameSite(ctx, cookies, sessions, crossSite, body);
        RegenerateResult result = apiKeys.regenerate(signedIn.session().userId(), clients.of(ctx));
        if (result instanceof RegenerateResult.Regenerated regenerated) {
            audit.succeeded(ctx, signedIn.session().userId(), Type.API_KEY_REGENERATED, Method.SESSION, Optional.empty());
            if (signedIn.byCookie()) reissue(ctx, signedIn.session(), regenerated.key());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", true);
            answer.put("apiKey", regenerated.key().value());
            Json.send(ctx, 200, answer);
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    private void whoami(Context ctx) {
        String client = clients.of(ctx);
        // From this node's memory only: valid keys pay no extra store I/O; only wrong keys are counted.
        limits.checkApiKeyClient(client);
        Optional<String> presented = presentedKey(ctx);
        if (presented.isEmpty()) {
            keyRefused(ctx, ErrorCode.API_KEY_MISSING);
            return;
        }
        Optional<Principal> principal = apiKeys.authenticate(presented.get());
        if (principal.isEmpty()) {
            limits.apiKeyFailed(client); // throws (429) once this client has had too many wrong keys
            keyRefused(ctx, ErrorCode.API_KEY_INVALID);
            return;
        }
        Principal p = principal.get();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", p.id().value());
        answer.put("username", p.username().value());
        answer.put("email", p.email().value());
        answer.put("groups", p.groups().stream().sorted().map(Group::label).toList());
        Json.send(ctx, 200, answer);
    }

    /** The key from {@code Authorization: Bearer}, the {@code api_key} query parameter, or the {@code api_key} form field. */
    private static Optional<String> presentedKey(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.substring(7).isBlank()) {
            return Optional.of(auth.substring(7));
        }
        String query = ctx.queryParam("api_key");
        if (query != null && !query.isBlank()) return Optional.of(query);
        if (ctx.method().name().equals("POST")) {
            return RequestBody.of(ctx).text("api_key").filter(k -> !k.isBlank());
        }
        return Optional.empty();
    }

    private static void keyRefused(Context ctx, ErrorCode code) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", code.message());
        answer.put("code", code.code());
        answer.put("legacyCode", LEGACY_AUTHENTICATION_FAILED);
        ctx.header("WWW-Authenticate", "Bearer");
        Json.send(ctx, 401, answer);
    }

    private void reissue(Context ctx, Session session, ApiKey key) {
        IssuedSession renewed = sessions.refresh(session.withApiKey(key));
        cookies.setSession(ctx, renewed.token(), renewed.session().expiresAt(), clock.instant());
    }
}
