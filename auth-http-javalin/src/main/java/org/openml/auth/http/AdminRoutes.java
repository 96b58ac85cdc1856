package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.Administration;
import org.openml.auth.core.port.in.Administration.Action;
import org.openml.auth.core.port.in.Administration.Actor;
import org.openml.auth.core.port.in.Administration.Result;

/**
 * The operator's commands for signed-in members of OpenML's admin group ({@code /api/admin/users}).
 * Membership is read on every call, so taking someone out of the group takes effect at once; the
 * actions are POSTs behind the cross-site check, like every other change a cookie can make.
 */
final class AdminRoutes {
    private static final int FIND_LIMIT = 100;

    private final RouteContext route;
    private final Administration administration;

    AdminRoutes(RouteContext route) {
        this.route = route;
        this.administration = route.services().administration();
    }

    void mount(RoutesConfig routes, String prefix) {
        routes.get(prefix + "/api/admin/users", this::find);
        routes.post(prefix + "/api/admin/users/{id}/{action}", this::act);
    }

    private void find(Context ctx) {
        Actor admin = admin(ctx, route.signedIn(ctx));
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        List<Map<String, Object>> users = administration.find(admin, q, FIND_LIMIT).stream()
                .map(AdminRoutes::describe).toList();
        Json.send(ctx, 200, Map.of("users", users));
    }

    private void act(Context ctx) {
        Actor admin = admin(ctx, route.signedInSameSite(ctx, RequestBody.of(ctx)));
        UserId target = parseId(ctx.pathParam("id"));
        // Deletion stays with the command line and the owner: the contract gives admins no route for it.
        Action action = Action.named(ctx.pathParam("action")).filter(a -> a != Action.DELETE)
                .orElseThrow(NotFoundResponse::new);
        Result result = administration.perform(admin, action, target);
        if (result instanceof Result.Refused refused) throw HttpProblem.of(refused);
        Json.send(ctx, 200, Map.of("success", true, "result", ((Result.Done) result).what()));
    }

    private Actor admin(Context ctx, SignedInRequest signedIn) {
        return administration.admin(signedIn.session().userId(), route.client(ctx))
                .orElseThrow(() -> HttpProblem.of(ErrorCode.ADMIN_REQUIRED));
    }

    /** A path id that is no account id cannot name one: the same 404 as an unknown id. */
    private static UserId parseId(String text) {
        if (!text.matches("[1-9]\\d{0,17}")) throw HttpProblem.of(ErrorCode.USER_NOT_FOUND);
        return new UserId(Long.parseLong(text));
    }

    /** What an admin sees of an account: never its password hash or API key. */
    private static Map<String, Object> describe(User user) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", user.id().value());
        item.put("username", user.username().value());
        item.put("email", user.email().value());
        item.put("firstName", user.firstName());
        item.put("lastName", user.lastName());
        item.put("active", user.active());
        return item;
    }
}
