package org.openml.auth.http;

import org.openml.auth.core.domain.Printable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.BusyException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.RateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where refusals become HTTP answers: the status of every {@link ErrorCode}, the
 * body shape ({@code {message|error, code}}), and the handlers for unexpected failures.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    /** The status for a core code. A switch without default: a new code fails to compile until mapped. */
    static int status(ErrorCode code) {
        return switch (code) {
            case FIELDS_REQUIRED, UNSUPPORTED_CHARACTERS, INVALID_EMAIL, EMAIL_REQUIRED, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG,
                    PASSWORD_TOO_COMMON, PASSWORD_MATCHES_IDENTITY, NAME_TOO_LONG, NAME_REQUIRED, NAME_INVALID,
                    DELETE_CONFIRMATION_REQUIRED, LAST_SIGN_IN_METHOD, EMAIL_UNCHANGED, EMAIL_CHANGE_LINK_INVALID,
                    EMAIL_CHANGE_LINK_EXPIRED,
                    EMAIL_TAKEN, CONFIRMATION_TOKEN_REQUIRED, CONFIRMATION_TOKEN_INVALID, CONFIRMATION_TOKEN_EXPIRED,
                    LEGACY_CONFIRM_URL_REQUIRED, LEGACY_CONFIRM_TOKEN_MISSING, LEGACY_CONFIRM_TOKEN_INVALID,
                    RESET_TOKEN_REQUIRED, NEW_PASSWORD_REQUIRED, RESET_TOKEN_INVALID, RESET_TOKEN_USED,
                    RESET_TOKEN_EXPIRED -> 400;
            case INVALID_CREDENTIALS, UNAUTHORIZED, API_KEY_MISSING, API_KEY_INVALID, CURRENT_PASSWORD_INCORRECT,
                    REAUTHENTICATION_REQUIRED -> 401;
            case CSRF_FAILED, ADMIN_REQUIRED -> 403;
            case OAUTH_SIGNIN_FAILED, OAUTH_CALLBACK_FAILED -> 400;
            case OAUTH_ACCESS_DENIED, OAUTH_NO_EMAIL, OAUTH_EMAIL_NOT_VERIFIED, OAUTH_ACCOUNT_NOT_LINKED, ACCOUNT_DISABLED -> 403;
            case OAUTH_UNKNOWN_PROVIDER -> 404;
            case OAUTH_PROVIDER_UNAVAILABLE -> 502;
            case PASSKEY_SIGNUP_EXPIRED, PASSKEY_SIGNUP_FAILED, PASSKEY_SIGNIN_CHALLENGE_MISSING,
                    PASSKEY_REGISTRATION_CHALLENGE_MISSING, PASSKEY_ADD_FAILED, PASSKEY_CREDENTIAL_MALFORMED,
                    PASSKEY_ID_REQUIRED, DEVICE_NAME_REQUIRED, DEVICE_NAME_TOO_LONG, LAST_PASSKEY,
                    PASSKEY_CONDITIONAL_CREATE_UNAVAILABLE -> 400;
            case PASSKEY_SIGNIN_FAILED, PASSKEY_UNKNOWN_CREDENTIAL -> 401;
            case PASSKEYS_DISABLED, PASSKEY_NOT_FOUND, PROVIDER_NOT_LINKED, SESSION_NOT_FOUND, USER_NOT_FOUND -> 404;
            case RATE_LIMITED, SIGN_IN_LOCKED -> 429;
            case BUSY, STORE_UNAVAILABLE, MAIL_FAILED -> 503;
            case INTERNAL -> 500;
        };
    }

    /** The context attribute a route group sets to choose the key its refusals' message goes under. */
    private static final String MESSAGE_KEY = "openml-auth.message-key";

    /**
     * A before-handler for a route group whose refusals say {@code {error, code}} rather than
     * {@code {message, code}}: OpenML's check-email, API-key and passkey routes answer so, and are
     * kept so for existing clients. Each group registers it for its own paths in {@code mount}.
     */
    static Handler messageUnderError() {
        return ctx -> ctx.attribute(MESSAGE_KEY, "error");
    }

    static void send(Context ctx, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        String key = ctx.attribute(MESSAGE_KEY);
        body.put(key == null ? "message" : key, message);
        body.put("code", code);
        Json.send(ctx, status, body);
    }

    /** A thrown refusal: JSON, or for next-auth's routes its {@code url} shape (JSON or a redirect). */
    private static void answer(Context ctx, HttpProblem problem) {
        problem.headers().forEach(ctx::header);
        Map<String, Object> body = new LinkedHashMap<>();
        if (problem.url().isPresent()) {
            if (!problem.jsonUrl()) {
                ctx.redirect(problem.url().get(), io.javalin.http.HttpStatus.FOUND);
                return;
            }
            body.put("url", problem.url().get());
            body.put("code", problem.code());
            body.put("message", problem.getMessage());
        } else {
            String key = ctx.attribute(MESSAGE_KEY);
            body.put(key == null ? "message" : key, problem.getMessage());
            body.put("code", problem.code());
        }
        body.putAll(problem.fields());
        Json.send(ctx, problem.status(), body);
    }

    /**
     * Registers the JSON answers for errors on a whole app: adapter and core refusals, unknown
     * routes (404), oversized bodies (413) and unexpected failures (500, detail only in the log).
     */
    private static final long BUSY_LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final java.util.concurrent.atomic.AtomicLong BUSY_REFUSED = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong BUSY_LOGGED_AT =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - BUSY_LOG_INTERVAL_NANOS);

    /** Under overload every sign-in may be refused: log how many, at most once every 10 s. */
    private static void logBusy() {
        BUSY_REFUSED.incrementAndGet();
        long now = System.nanoTime();
        long last = BUSY_LOGGED_AT.get();
        if (now - last >= BUSY_LOG_INTERVAL_NANOS && BUSY_LOGGED_AT.compareAndSet(last, now)) {
            LOG.warn("Password hashing is saturated: {} request(s) answered 503 busy since the last report", BUSY_REFUSED.getAndSet(0));
        }
    }

    public static void install(RoutesConfig routes) {
        routes.exception(HttpProblem.class, (e, ctx) -> answer(ctx, e));
        routes.exception(AuthException.class, (e, ctx) -> {
            if (e instanceof BusyException busy) {
                ctx.header("Retry-After", Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
            } else if (e instanceof RateLimitedException limited) {
                ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
            }
            int status = status(e.code());
            if (e instanceof BusyException) {
                logBusy(); // an expected overload answer: one line now and then, not a stack trace per request
                if (BusyHold.hold(ctx, () -> send(ctx, status, e.code().code(), e.code().message()))) return;
            } else if (status >= 500) {
                LOG.warn("{} {} failed: {} ({})", ctx.method(), Printable.of(ctx.path(), 200), e.code().code(), Printable.of(e.getMessage(), 300), e);
            }
            send(ctx, status, e.code().code(), e.code().message());
        });
        // Javalin's own refusals (no such route, wrong method, body over its limit).
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            switch (e.getStatus()) {
                case 404 -> send(ctx, 404, "not_found", "Not found");
                case 405 -> send(ctx, 405, "method_not_allowed", "Method not allowed");
                case 413 -> send(ctx, 413, "payload_too_large", "Request body is larger than 64 KiB");
                default -> send(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage());
            }
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed unexpectedly", ctx.method(), Printable.of(ctx.path(), 200), e);
            send(ctx, 500, ErrorCode.INTERNAL.code(), ErrorCode.INTERNAL.message());
        });
        routes.error(404, "*", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !"application/json".equals(ctx.res().getContentType())) {
                send(ctx, 404, "not_found", "Not found");
            }
        });
        routes.error(405, "*", ctx -> send(ctx, 405, "method_not_allowed", "Method not allowed"));
    }
}
