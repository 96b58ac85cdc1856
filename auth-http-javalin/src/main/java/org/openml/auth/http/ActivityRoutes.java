package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.in.AccountActivity;

/**
 * {@code GET /api/user/activity}: the signed-in user's recent account activity (sign-ins,
 * password resets, API-key and passkey changes, links), newest first. Read-only, so no CSRF
 * check; like every {@code /api/} answer it is sent with {@code Cache-Control: no-store}.
 */
final class ActivityRoutes {
    static final String PATH = "/api/user/activity";

    private final RouteContext route;
    private final AccountActivity activity;

    ActivityRoutes(RouteContext route) {
        this.route = route;
        this.activity = route.services().accountActivity();
    }

    void mount(RoutesConfig routes, String prefix) {
        routes.get(prefix + PATH, this::recent);
    }

    private void recent(Context ctx) {
        UserId user = route.signedIn(ctx).session().userId();
        List<Map<String, Object>> events = activity.recent(user, limit(ctx.queryParam("limit"))).stream()
                .map(ActivityRoutes::describe).toList();
        Json.send(ctx, 200, Map.of("events", events));
    }

    /**
     * The {@code limit} query parameter: {@link AccountActivity#DEFAULT_LIMIT} when absent, capped at
     * {@link AccountActivity#MAX_LIMIT}; anything but a whole number of at least 1 is refused.
     */
    static int limit(String raw) {
        if (raw == null) return AccountActivity.DEFAULT_LIMIT;
        String text = raw.strip();
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) throw invalidLimit();
        // Digit strings too long for an int are "more than the cap", not an error.
        if (text.length() > 9) return AccountActivity.MAX_LIMIT;
        int n = Integer.parseInt(text);
        if (n < 1) throw invalidLimit();
        return Math.min(n, AccountActivity.MAX_LIMIT);
    }

    private static HttpProblem invalidLimit() {
        return new HttpProblem(400, "invalid_limit",
                "limit must be a whole number from 1 to " + AccountActivity.MAX_LIMIT + " (default " + AccountActivity.DEFAULT_LIMIT + ")");
    }

    static Map<String, Object> describe(AuditEvent e) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("at", DateTimeFormatter.ISO_INSTANT.format(e.at()));
        item.put("type", e.type().code());
        item.put("method", e.method().code());
        item.put("outcome", e.outcome().code());
        item.put("ip", e.ipAddress());
        item.put("detail", e.detail().orElse(null));
        return item;
    }
}
