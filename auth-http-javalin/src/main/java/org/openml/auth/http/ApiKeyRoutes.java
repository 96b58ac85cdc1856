package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.ApiKeys;
import org.openml.auth.core.port.in.ApiKeys.RegenerateResult;
import org.openml.auth.core.port.in.ApiKeys.ShowResult;
import org.openml.auth.core.port.in.Refusal;

/** The signed-in user's API key (view, regenerate), and {@code whoami} for services holding a key. */
final class ApiKeyRoutes {
    /** OpenML's REST API answers a missing or wrong key with its legacy code 103. */
    static final int LEGACY_AUTHENTICATION_FAILED = 103;

    private final RouteContext route;
    private final ApiKeys apiKeys;

    ApiKeyRoutes(RouteContext route) {
        this.route = route;
        this.apiKeys = route.services().apiKeys();
    }

    void mount(RoutesConfig routes, String prefix) {
        routes.before(prefix + "/api/user/*", ErrorResponses.messageUnderError());
        routes.get(prefix + "/api/user/api-key", this::show);
        routes.post(prefix + "/api/user/api-key/regenerate", this::regenerate);
        routes.get(prefix + "/api/user/whoami", this::whoami);
        routes.post(prefix + "/api/user/whoami", this::whoami);
    }

    private void show(Context ctx) {
        SignedInRequest signedIn = route.signedIn(ctx);
        ShowResult result = apiKeys.show(signedIn.session().userId());
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        ShowResult.Shown shown = (ShowResult.Shown) result;
        // The key may have changed since the cookie was made (first key, another device): keep the session current.
        if (signedIn.byCookie() && !signedIn.session().apiKey().equals(Optional.of(shown.key().value()))) {
            reissue(ctx, signedIn.session(), shown.key());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("apikey", shown.key().value());
        answer.put("lastRegeneratedAt", shown.lastRegeneration()
                .map(r -> DateTimeFormatter.ISO_INSTANT.format(r.at())).orElse(null));
        Json.send(ctx, 200, answer);
    }

    private void regenerate(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        SignedInRequest signedIn = route.signedInSameSite(ctx, body);
        RegenerateResult result = apiKeys.regenerate(signedIn.session().userId(), route.client(ctx));
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        RegenerateResult.Regenerated regenerated = (RegenerateResult.Regenerated) result;
        if (signedIn.byCookie()) reissue(ctx, signedIn.session(), regenerated.key());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("apiKey", regenerated.key().value());
        Json.send(ctx, 200, answer);
    }

    private void whoami(Context ctx) {
        Optional<String> presented = presentedKey(ctx);
        Optional<Principal> principal = apiKeys.authenticate(presented.orElse(null), route.client(ctx));
        if (principal.isEmpty()) throw keyRefused(presented.isEmpty() ? ErrorCode.API_KEY_MISSING : ErrorCode.API_KEY_INVALID);
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

    /** OpenML's REST API shape: {@code {error, code, legacyCode}} and {@code WWW-Authenticate: Bearer}. */
    private static HttpProblem keyRefused(ErrorCode code) {
        return HttpProblem.of(code).legacyCode(LEGACY_AUTHENTICATION_FAILED).challenge("Bearer");
    }

    private void reissue(Context ctx, Session session, ApiKey key) {
        route.setSession(ctx, route.services().sessions().refresh(session.withApiKey(key)));
    }
}
