package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openml.auth.core.port.in.PasswordReset;
import org.openml.auth.core.port.in.PasswordReset.ResetResult;
import org.openml.auth.core.port.in.Refusal;
import org.openml.auth.core.port.in.Registration;
import org.openml.auth.core.port.in.Registration.ConfirmationResult;
import org.openml.auth.core.port.in.Registration.RegisterCommand;
import org.openml.auth.core.port.in.Registration.RegistrationResult;

/** Password accounts: register, confirm, resend, check-email, forgot and reset password. */
final class AccountRoutes {
    static final String REGISTERED = "Account created successfully. Please check your email to confirm your account.";
    /** The account is kept when mail is down; the person is told to ask for the link again instead of waiting for it. */
    static final String REGISTERED_MAIL_FAILED = "Account created successfully, but the confirmation email could not be sent right now."
            + " Please request a new confirmation link in a few minutes.";
    static final String CONFIRMED = "Email confirmed successfully! You can now sign in with your credentials.";
    static final String ALREADY_CONFIRMED = "Email already confirmed. You can now sign in.";
    static final String RESEND_SENT = "If an account exists with this email and is not yet confirmed, a new confirmation link has been sent.";
    static final String RESET_SENT = "If an account exists with this email, you will receive a password reset link shortly.";
    static final String RESET_DONE = "Password reset successfully! You can now sign in with your new password.";
    static final String LEGACY_CONFIRMED = "User confirmed successfully";

    private final RouteContext route;
    private final Registration registration;
    private final PasswordReset passwordReset;

    AccountRoutes(RouteContext route) {
        this.route = route;
        this.registration = route.services().registration();
        this.passwordReset = route.services().passwordReset();
    }

    void mount(RoutesConfig routes, String prefix) {
        routes.before(prefix + "/api/auth/check-email", ErrorResponses.messageUnderError());
        routes.post(prefix + "/api/auth/register", this::register);
        routes.get(prefix + "/api/auth/check-email", this::checkEmail);
        routes.get(prefix + "/api/auth/confirm-email", this::confirmEmail);
        routes.post(prefix + "/api/auth/resend-confirmation", this::resendConfirmation);
        routes.post(prefix + "/api/auth/forgot-password", this::forgotPassword);
        routes.post(prefix + "/api/auth/reset-password", this::resetPassword);
        routes.post(prefix + "/api/auth/confirm", this::legacyConfirm);
    }

    private void register(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        RegistrationResult result = registration.register(new RegisterCommand(body.textOrNull("firstName"),
                body.textOrNull("lastName"), body.textOrNull("email"), body.textOrNull("password"), route.client(ctx)));
        if (result instanceof RegistrationResult.EmailTaken taken) throw HttpProblem.of(taken);
        if (route.services().enumerationProtection() || result instanceof RegistrationResult.OwnerNotified) {
            // One answer for a new account and a taken address (whose owner got a mail instead):
            // the username would tell them apart, so it is left out.
            Json.send(ctx, 201, Map.of("message", REGISTERED));
            return;
        }
        RegistrationResult.Registered registered = (RegistrationResult.Registered) result;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", registered.confirmationMailSent() ? REGISTERED : REGISTERED_MAIL_FAILED);
        // For pages: whether to say "we sent you a link" or "ask for it again" without parsing the message.
        answer.put("confirmationMailSent", registered.confirmationMailSent());
        answer.put("username", registered.user().username().value());
        Json.send(ctx, 201, answer);
    }

    private void checkEmail(Context ctx) {
        Json.send(ctx, 200, Map.of("exists", registration.emailExists(ctx.queryParam("email"), route.client(ctx))));
    }

    private void confirmEmail(Context ctx) {
        ConfirmationResult result = registration.confirmEmail(ctx.queryParam("token"), route.client(ctx));
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        if (result instanceof ConfirmationResult.Confirmed confirmed) {
            Json.send(ctx, 200, Json.object("message", CONFIRMED, "email", confirmed.email().value()));
        } else {
            Json.send(ctx, 200, Json.object("message", ALREADY_CONFIRMED, "alreadyConfirmed", true));
        }
    }

    private void resendConfirmation(Context ctx) {
        registration.resendConfirmation(RequestBody.of(ctx).textOrNull("email"), route.client(ctx));
        Json.send(ctx, 200, Map.of("message", RESEND_SENT));
    }

    private void forgotPassword(Context ctx) {
        passwordReset.requestReset(RequestBody.of(ctx).textOrNull("email"), route.client(ctx));
        Json.send(ctx, 200, Map.of("message", RESET_SENT));
    }

    private void resetPassword(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        ResetResult result = passwordReset.resetPassword(body.textOrNull("token"), body.textOrNull("password"), route.client(ctx));
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        ResetResult.PasswordChanged changed = (ResetResult.PasswordChanged) result;
        Json.send(ctx, 200, Json.object("message", RESET_DONE, "email", changed.email().value()));
    }

    private void legacyConfirm(Context ctx) {
        ConfirmationResult result = registration.confirmLegacyLink(RequestBody.of(ctx).textOrNull("url"), route.client(ctx));
        if (result instanceof Refusal refusal) throw HttpProblem.of(refusal);
        Json.send(ctx, 200, Map.of("message", LEGACY_CONFIRMED));
    }
}
