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

    private final Registration registration;
    private final PasswordReset passwordReset;

    AccountRoutes(Registration registration, PasswordReset passwordReset) {
        this.registration = registration;
        this.passwordReset = passwordReset;
    }

    void mount(RoutesConfig routes, String prefix) {
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
                body.textOrNull("lastName"), body.textOrNull("email"), body.textOrNull("password"), ctx.ip()));
        if (result instanceof RegistrationResult.Registered registered) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("message", registered.confirmationMailSent() ? REGISTERED : REGISTERED_MAIL_FAILED);
            answer.put("username", registered.user().username().value());
            Json.send(ctx, 201, answer);
        } else if (result instanceof RegistrationResult.EmailTaken taken) {
            ErrorResponses.refuse(ctx, taken);
        }
    }

    private void checkEmail(Context ctx) {
        Json.send(ctx, 200, Map.of("exists", registration.emailExists(ctx.queryParam("email"))));
    }

    private void confirmEmail(Context ctx) {
        ConfirmationResult result = registration.confirmEmail(ctx.queryParam("token"));
        if (result instanceof ConfirmationResult.Confirmed confirmed) {
            Json.send(ctx, 200, Json.object("message", CONFIRMED, "email", confirmed.email().value()));
        } else if (result instanceof ConfirmationResult.AlreadyConfirmed) {
            Json.send(ctx, 200, Json.object("message", ALREADY_CONFIRMED, "alreadyConfirmed", true));
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    private void resendConfirmation(Context ctx) {
        registration.resendConfirmation(RequestBody.of(ctx).textOrNull("email"));
        Json.send(ctx, 200, Map.of("message", RESEND_SENT));
    }

    private void forgotPassword(Context ctx) {
        passwordReset.requestReset(RequestBody.of(ctx).textOrNull("email"));
        Json.send(ctx, 200, Map.of("message", RESET_SENT));
    }

    private void resetPassword(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        ResetResult result = passwordReset.resetPassword(body.textOrNull("token"), body.textOrNull("password"));
        if (result instanceof ResetResult.PasswordChanged changed) {
            Json.send(ctx, 200, Json.object("message", RESET_DONE, "email", changed.email().value()));
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    private void legacyConfirm(Context ctx) {
        ConfirmationResult result = registration.confirmLegacyLink(RequestBody.of(ctx).textOrNull("url"));
        if (result instanceof ConfirmationResult.Confirmed || result instanceof ConfirmationResult.AlreadyConfirmed) {
            Json.send(ctx, 200, Map.of("message", LEGACY_CONFIRMED));
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }
}
