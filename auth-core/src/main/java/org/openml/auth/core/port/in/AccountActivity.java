package org.openml.auth.core.port.in;

import java.util.List;
import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.UserId;

/**
 * The audit log and security notifications. Every use case writes its own events here, with the
 * client address its command carries (sign-ins, registration, confirmation, reset, API-key and
 * passkey changes, provider links, sign-out everywhere), so an embedding service that calls the
 * use cases gets the same rows and notice mails as the HTTP routes. The recording methods are
 * public for events an embedding application decides itself; {@link #recent} reads the log.
 *
 * <p><b>Recording never fails the operation it records:</b> the recording methods never throw. A
 * store or mail failure is logged (without secrets) and the sign-in, reset or change that
 * happened stays done — refusing a user's correct password because the audit table is down would
 * turn an audit outage into a sign-in outage, and a failed write has already happened anyway.
 *
 * <p>Successful password resets, added passkeys, regenerated API keys and new GitHub/Google links
 * also mail the account's owner a {@link org.openml.auth.core.domain.Mail.SecurityNotice}.
 */
public interface AccountActivity {

    /** How many events {@link #recent} returns when the caller does not say. */
    int DEFAULT_LIMIT = 20;
    /** The most events {@link #recent} returns in one call. */
    int MAX_LIMIT = 100;

    /** Records an event of a known account now, and mails the owner when it is a notified change. Never throws. */
    void record(UserId user, AuditEvent.Type type, AuditEvent.Method method, AuditEvent.Outcome outcome, String ipAddress,
            Optional<String> detail);

    /**
     * As {@link #record}, for the account with this address (email confirmation and password reset
     * know the address). An unknown address is logged to the application log only. Never throws.
     */
    void record(Email account, AuditEvent.Type type, AuditEvent.Method method, AuditEvent.Outcome outcome,
            String ipAddress, Optional<String> detail);

    /**
     * Records a refused sign-in with {@code login} (an email or a username, as typed; null when
     * the attempt named no verified account, as for a refused passkey or OAuth callback). When it
     * names an account the failure goes into that account's history; otherwise it goes to the
     * application log only, with the login masked and never the password. Never throws.
     *
     * <p>Asynchronous: the look-up and the write happen off the caller's thread (the time is taken
     * now), so the refusal is answered equally fast whether or not the login names an account.
     * When the queue is full the event is logged and dropped.
     */
    void signInFailed(String login, AuditEvent.Method method, String ipAddress);

    /**
     * Records that repeated failures paused password sign-in for {@code login}
     * ({@link AuditEvent.Type#LOCKED_OUT}), like {@link #signInFailed}: asynchronous, into the
     * account's history when the login names one, the application log otherwise. Never throws.
     */
    void lockedOut(String login, AuditEvent.Method method, String ipAddress);

    /**
     * The account's newest events, newest first; {@code limit} is capped at {@link #MAX_LIMIT}.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     * @throws org.openml.auth.core.error.StoreUnavailableException when the log cannot be read
     */
    List<AuditEvent> recent(UserId user, int limit);
}
