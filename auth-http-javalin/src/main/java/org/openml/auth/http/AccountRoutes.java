package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.port.in.PasswordReset;
import org.openml.auth.core.port.in.PasswordReset.ResetResult;
import org.openml.auth.core.port.in.RateLimits;
import org.openml.auth.core.port.in.RateLimits.Action;
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
    private final AuditTrail audit;
    private final RateLimits limits;
    private final ClientAddress clients;

    private final boolean enumerationProtection;

    /**
     * @param enumerationProtection strict mode: register answers alike for taken and free
     *     addresses (no {@code username} in the answer), and {@code check-email} is off
     */
    AccountRoutes(Registration registration, PasswordReset passwordReset, AuditTrail audit, RateLimits limits,
            ClientAddress clients, boolean enumerationProtection) {
        this.registration = registration;
        this.passwordReset = passwordReset;
        this.audit = audit;
        this.limits = limits;
        this.clients = clients;
        this.enumerationProtection = enumerationProtection;
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
        String client = clients.of(ctx);
        limits.admit(Action.REGISTER, client); // before reading the body: refusals stay cheap
        RequestBody body = RequestBody.of(ctx);
        RegistrationResult result = registration.register(new RegisterCommand(body.textOrNull("firstName"),
                body.textOrNull("lastName"), body.textOrNull("email"), body.textOrNull("password"), client));
        if (result instanceof RegistrationResult.Registered registered) {
            audit.succeeded(ctx, registered.user().id(), Type.ACCOUNT_CREATED, Method.PASSWORD, Optional.empty());
        }
        if (enumerationProtection
                && (result instanceof RegistrationResult.Registered || result instanceof RegistrationResult.OwnerNotified)) {
            // One answer for a new account and a taken address (whose owner got a mail instead):
            // the username would tell them apart, so it is left out.
            Json.send(ctx, 201, Map.of("message", REGISTERED));
        } else if (result instanceof RegistrationResult.Registered registered) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("message", registered.confirmationMailSent() ? REGISTERED : REGISTERED_MAIL_FAILED);
            // For pages: whether to say "we sent you a link" or "ask for it again" without parsing the message.
            answer.put("confirmationMailSent", registered.confirmationMailSent());
            answer.put("username", registered.user().username().value());
            Json.send(ctx, 201, answer);
        } else if (result instanceof RegistrationResult.OwnerNotified) {
            // Only a use case built with enumeration protection answers this; answer as strict mode does.
            Json.send(ctx, 201, Map.of("message", REGISTERED));
        } else if (result instanceof RegistrationResult.EmailTaken taken) {
            ErrorResponses.refuse(ctx, taken);
        }
    }

    private void checkEmail(Context ctx) {
        limits.admit(Action.CHECK_EMAIL, clients.of(ctx));
        if (enumerationProtection) {
            // Turned off: a constant answer rather than 404, so a front end that asks before
            // registering goes on to register, which then answers generically and mails the
            // owner. Missing input is still a 400, as always; no store is read.
            String email = ctx.queryParam("email");
            if (email == null || email.isBlank()) {
                throw new InvalidInputException(ErrorCode.EMAIL_REQUIRED);
            }
            Json.send(ctx, 200, Map.of("exists", false));
            return;
        }
        Json.send(ctx, 200, Map.of("exists", registration.emailExists(ctx.queryParam("email"))));
    }

    private void confirmEmail(Context ctx) {
        ConfirmationResult result = registration.confirmEmail(ctx.queryParam("token"));
        if (result instanceof ConfirmationResult.Confirmed confirmed) {
            audit.succeeded(ctx, confirmed.email(), Type.EMAIL_CONFIRMED, Method.EMAIL_LINK);
            Json.send(ctx, 200, Json.object("message", CONFIRMED, "email", confirmed.email().value()));
        } else if (result instanceof ConfirmationResult.AlreadyConfirmed) {
            Json.send(ctx, 200, Json.object("message", ALREADY_CONFIRMED, "alreadyConfirmed", true));
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    private void resendConfirmation(Context ctx) {
        limits.admit(Action.ACCOUNT_MAIL, clients.of(ctx));
        registration.resendConfirmation(RequestBody.of(ctx).textOrNull("email"));
        Json.send(ctx, 200, Map.of("message", RESEND_SENT));
    }

    private void forgotPassword(Context ctx) {
        limits.admit(Action.ACCOUNT_MAIL, clients.of(ctx));
        passwordReset.requestReset(RequestBody.of(ctx).textOrNull("email"));
        Json.send(ctx, 200, Map.of("message", RESET_SENT));
    }

    private void resetPassword(Context ctx) {
        RequestBody body = RequestBody.of(ctx);
        ResetResult result = passwordReset.resetPassword(body.textOrNull("token"), body.textOrNull("password"));
        if (result instanceof ResetResult.PasswordChanged changed) {
            if (changed.reclaimed()) audit.succeeded(ctx, changed.email(), Type.ACCOUNT_RECLAIMED, Method.EMAIL_LINK);
            audit.succeeded(ctx, changed.email(), Type.PASSWORD_RESET, Method.EMAIL_LINK);
            Json.send(ctx, 200, Json.object("message", RESET_DONE, "email", changed.email().value()));
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }

    private void legacyConfirm(Context ctx) {
        ConfirmationResult result = registration.confirmLegacyLink(RequestBody.of(ctx).textOrNull("url"));
        if (result instanceof ConfirmationResult.Confirmed confirmed) {
            audit.succeeded(ctx, confirmed.email(), Type.EMAIL_CONFIRMED, Method.EMAIL_LINK);
        }
        if (result instanceof ConfirmationResult.Confirmed || result instanceof ConfirmationResult.AlreadyConfirmed) {
            Json.send(ctx, 200, Map.of("message", LEGACY_CONFIRMED));
        } else if (result instanceof Refusal refusal) {
            ErrorResponses.refuse(ctx, refusal);
        }
    }
}
