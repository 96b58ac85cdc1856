package org.openml.auth.core.port.out;

import org.openml.auth.core.domain.AuditEvent;

/**
 * Counts what operators watch: sign-ins by method and outcome, rate-limit refusals by limit, mail
 * failures. Implemented by the metrics adapter (Micrometer); {@link #NONE} counts nothing. Never
 * given an address, a login or a token: only the fixed labels here.
 */
public interface AuthMetrics {
    /** Counts nothing. */
    AuthMetrics NONE = new AuthMetrics() {};

    /** How a sign-in attempt ended. */
    enum SignInOutcome {
        SUCCESS,
        /** Wrong password, unknown account, bad signature, refused by the provider. */
        FAILURE,
        /** Password sign-in for the account is paused after repeated failures. */
        LOCKED,
        /** Too many attempts from the client's address. */
        RATE_LIMITED
    }

    /** A sign-in attempt by {@code method} ended with {@code outcome}. */
    default void signIn(AuditEvent.Method method, SignInOutcome outcome) {}

    /** A request was refused by the limit named {@code limit} (e.g. {@code sign-in-failures}, {@code register}). */
    default void rateLimited(String limit) {}

    /** A mail could not be handed to SMTP (it stays queued and is retried, or was given up). */
    default void mailFailed(boolean givenUp) {}
}
