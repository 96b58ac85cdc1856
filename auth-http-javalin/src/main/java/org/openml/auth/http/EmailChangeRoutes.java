package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.openml.auth.core.port.in.EmailChange;
import org.openml.auth.core.port.in.EmailChange.ConfirmResult;
import org.openml.auth.core.port.in.EmailChange.RevertResult;

/**
 * Changing the account's address ({@code /api/user/email}): the request (signed in, cross-site
 * check), and the two links' routes, which need no session (the token is the proof).
 */
final class EmailChangeRoutes {
    static final String LINK_SENT = "Check your new address for a confirmation link.";

    private final RouteContext route;
    private final EmailChange emailChange;

    EmailChangeRoutes(RouteContext route) {
        this.route = route;
        this.emailChange = route.services().emailChange();
    }

    void mount(RoutesConfig routes, String prefix) {
        routes.post(prefix + "/api/user/email", this::request);
        routes.post(prefix + "/api/user/email/confirm", this::confirm);
        routes.post(prefix + "/api/user/email/revert", this::revert);
    }

    private void request(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        SignedInRequest signedIn = route.signedInSameSite(ctx, body);
        AccountSettingsRoutes.orRefuse(emailChange.request(new EmailChange.RequestCommand(signedIn.session(),
                body.textOrNull("newEmail"), body.textOrNull("currentPassword"), route.client(ctx))));
        Json.send(ctx, 200, Map.of("message", LINK_SENT));
    }

    private void confirm(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        // The token is the proof; a session of the same account, if any, is re-issued (the others end).
        var current = route.session(ctx).filter(SignedInRequest::byCookie).map(SignedInRequest::session);
        ConfirmResult.Changed changed = (ConfirmResult.Changed) AccountSettingsRoutes.orRefuse(
                emailChange.confirm(body.textOrNull("token"), current, route.client(ctx)));
        changed.session().ifPresent(session -> route.setSession(ctx, session));
        Json.send(ctx, 200, Map.of("message", "Your email address was changed.", "email", changed.email().value()));
    }

    private void revert(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        RevertResult.Reverted reverted = (RevertResult.Reverted) AccountSettingsRoutes.orRefuse(
                emailChange.revert(body.textOrNull("token"), route.client(ctx)));
        route.cookies().clearSession(ctx);
        Json.send(ctx, 200, Map.of("message", "Your old email address is back and every device was signed out. We sent it a"
                + " link to choose a new password.", "email", reverted.email().value()));
    }
}
