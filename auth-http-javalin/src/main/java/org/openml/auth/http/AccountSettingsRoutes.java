package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openml.auth.core.port.in.AccountSettings;
import org.openml.auth.core.port.in.AccountSettings.ChangePasswordCommand;
import org.openml.auth.core.port.in.AccountSettings.DeleteAccountCommand;
import org.openml.auth.core.port.in.AccountSettings.DeletionResult;
import org.openml.auth.core.port.in.AccountSettings.PasswordChangeResult;
import org.openml.auth.core.port.in.AccountSettings.ProfileResult;
import org.openml.auth.core.port.in.AccountSettings.Refused;
import org.openml.auth.core.port.in.AccountSettings.UpdateProfileCommand;

/**
 * The owner's own changes (signed in; the cross-site check on every change): password, names,
 * linked accounts, deletion. Refusals say {@code {error, code}} (the {@code /api/user/*} group's key).
 */
final class AccountSettingsRoutes {
    private final RouteContext route;
    private final AccountSettings settings;

    AccountSettingsRoutes(RouteContext route) {
        this.route = route;
        this.settings = route.services().accountSettings();
    }

    void mount(RoutesConfig routes, String prefix) {
        // The /api/user/* group's refusals say {error, code}; ApiKeyRoutes registers that before-handler.
        routes.post(prefix + "/api/user/password", this::changePassword);
        routes.patch(prefix + "/api/user/profile", this::updateProfile);
        routes.get(prefix + "/api/user/linked-accounts", this::linkedAccounts);
        routes.delete(prefix + "/api/user/linked-accounts/{provider}", this::unlink);
        routes.post(prefix + "/api/user/delete", this::delete);
    }

    private void changePassword(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        SignedInRequest signedIn = route.signedInSameSite(ctx, body);
        PasswordChangeResult result = settings.changePassword(new ChangePasswordCommand(signedIn.session(),
                body.textOrNull("currentPassword"), body.textOrNull("newPassword"), route.client(ctx)));
        PasswordChangeResult.Changed changed = (PasswordChangeResult.Changed) orRefuse(result);
        if (signedIn.byCookie()) route.setSession(ctx, changed.session());
        Json.send(ctx, 200, Map.of("success", true));
    }

    private void updateProfile(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        SignedInRequest signedIn = route.signedInSameSite(ctx, body);
        ProfileResult result = settings.updateProfile(new UpdateProfileCommand(signedIn.session(),
                body.text("firstName"), body.text("lastName"), route.client(ctx)));
        ProfileResult.Updated updated = (ProfileResult.Updated) orRefuse(result);
        if (signedIn.byCookie()) route.setSession(ctx, updated.session());
        Json.send(ctx, 200, Map.of("user", SessionRoutes.describe(updated.session().session()).get("user")));
    }

    private void linkedAccounts(Context ctx) {
        SignedInRequest signedIn = route.signedIn(ctx);
        List<Map<String, Object>> accounts = settings.linkedAccounts(signedIn.session().userId()).stream().map(a -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("provider", a.provider());
            item.put("linkedAt", a.linkedAt().map(DateTimeFormatter.ISO_INSTANT::format).orElse(null));
            return item;
        }).toList();
        Json.send(ctx, 200, Map.of("accounts", accounts));
    }

    private void unlink(Context ctx) {
        SignedInRequest signedIn = route.signedInSameSite(ctx, RequestBody.of(ctx));
        orRefuse(settings.unlink(signedIn.session().userId(), ctx.pathParam("provider"), route.client(ctx)));
        Json.send(ctx, 200, Map.of("success", true));
    }

    private void delete(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        SignedInRequest signedIn = route.signedInSameSite(ctx, body);
        DeletionResult result = settings.deleteAccount(new DeleteAccountCommand(signedIn.session(), body.textOrNull("confirm"),
                body.textOrNull("currentPassword"), route.client(ctx)));
        orRefuse(result);
        // Whatever the cookie was, it names an account that is gone.
        route.cookies().clearSession(ctx);
        Json.send(ctx, 200, Map.of("result", result instanceof DeletionResult.Anonymised ? "anonymised" : "deleted"));
    }

    /** The result when it is not a refusal; a refusal is thrown (with Retry-After for a paused account). */
    static Object orRefuse(Object result) {
        if (result instanceof Refused refused) {
            HttpProblem problem = HttpProblem.of(refused);
            throw refused.retryAfter().map(problem::retryAfter).orElse(problem);
        }
        return result;
    }
}
