package org.openml.auth.http.archfixture;

import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.in.AccountActivity;

/** Deliberately wrong: a route writing an audit row itself. Only AdapterArchitectureTest uses it. */
public final class RouteWritingAudit {
    private RouteWritingAudit() {}

    public static void handle(AccountActivity activity, UserId user) {
        activity.record(user, AuditEvent.Type.SIGN_IN, AuditEvent.Method.PASSWORD, AuditEvent.Outcome.SUCCESS, "192.0.2.1",
                Optional.empty());
    }
}
