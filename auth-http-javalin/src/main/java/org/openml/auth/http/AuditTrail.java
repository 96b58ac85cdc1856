package org.openml.auth.http;

import io.javalin.http.Context;
import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.in.AccountActivity;

/**
 * Records the security events the routes see into the audit log, with the request's client
 * address. Recording never throws ({@link AccountActivity}), so a route's answer never depends
 * on it.
 */
final class AuditTrail {
    private final AccountActivity activity;
    private final ClientAddress clients;

    AuditTrail(AccountActivity activity, ClientAddress clients) {
        this.activity = activity;
        this.clients = clients;
    }

    private String clientIp(Context ctx) {
        return clients.of(ctx);
    }

    void succeeded(Context ctx, UserId user, Type type, Method method, Optional<String> detail) {
        activity.record(user, type, method, Outcome.SUCCESS, clientIp(ctx), detail);
    }

    void succeeded(Context ctx, Email account, Type type, Method method) {
        activity.record(account, type, method, Outcome.SUCCESS, clientIp(ctx), Optional.empty());
    }

    /** A refused sign-in: into the account's history when {@code login} names one, the application log otherwise. */
    void signInFailed(Context ctx, String login, Method method) {
        activity.signInFailed(login, method, clientIp(ctx));
    }

    /** Repeated failures paused password sign-in for {@code login}. */
    void lockedOut(Context ctx, String login) {
        activity.lockedOut(login, Method.PASSWORD, clientIp(ctx));
    }
}
