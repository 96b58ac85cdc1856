package org.openml.auth.core.port.in;

import java.time.Duration;
import java.util.Objects;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.ErrorCode;

/**
 * Signing in with an email or username and a password: the whole flow in one call, as the HTTP
 * adapter and an embedding service make it. The use case checks hashing capacity and the client
 * address's refusal count, checks the credentials, writes the audit log (success, refusal, pause)
 * and issues the session.
 *
 * <pre>{@code
 * SignInResult result = auth.passwordSignIn().signIn(new SignInCommand(login, password, clientIp));
 * if (result instanceof SignInResult.SignedIn signedIn) setCookie(signedIn.session().token());
 * }</pre>
 */
public interface PasswordSignIn {

    /**
     * Signs in. Unknown user, wrong password and unconfirmed account give the same
     * {@link SignInResult.InvalidCredentials} and cost the same hashing work. After repeated
     * failures for one email/username (known or not) password sign-in for it pauses:
     * {@link SignInResult.Locked}, without hashing. A successful sign-in or a password reset ends
     * the pause; passkeys and GitHub/Google sign-in are not affected. A client address with too
     * many refusals lately gets {@link SignInResult.TooManyAttempts} before any look-up.
     *
     * @throws org.openml.auth.core.error.BusyException when the hashing queue is full (checked first, before any I/O)
     * @throws org.openml.auth.core.error.StoreUnavailableException when the store or the counters cannot be reached
     */
    SignInResult signIn(SignInCommand command);

    /**
     * Refuses at once when password hashing is saturated, so an adapter can answer "busy" before
     * even reading the request: under a sign-in flood refusals then cost next to nothing.
     * Optional: {@link #signIn} checks the same first.
     *
     * @throws org.openml.auth.core.error.BusyException when a sign-in now would be refused as busy
     */
    default void checkCapacity() {}

    /**
     * One password sign-in attempt.
     *
     * @param login an email or a username, as typed (may be null: refused as invalid credentials)
     * @param password as typed (may be null)
     * @param ipAddress the client's address (trusted proxies applied), for the limits and the audit log
     */
    record SignInCommand(String login, String password, String ipAddress) {
        public SignInCommand {
            Objects.requireNonNull(ipAddress, "ipAddress");
        }

        @Override
        public String toString() {
            return "SignInCommand[redacted]";
        }
    }

    sealed interface SignInResult {
        /** Signed in: the audit row is written and {@code session} is the new session to hand to the client. */
        record SignedIn(User user, IssuedSession session) implements SignInResult {
            public SignedIn {
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(session, "session");
            }
        }

        /** Wrong credentials, unknown login or unconfirmed account, all alike. */
        record InvalidCredentials() implements SignInResult, Refusal {
            @Override
            public ErrorCode code() {
                return ErrorCode.INVALID_CREDENTIALS;
            }
        }

        /** Too many failed attempts for this email/username lately; try again after {@code retryAfter}. */
        record Locked(Duration retryAfter) implements SignInResult, Refusal {
            public Locked {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }

            @Override
            public ErrorCode code() {
                return ErrorCode.SIGN_IN_LOCKED;
            }
        }

        /** Too many refused sign-ins from this client address lately; try again after {@code retryAfter}. */
        record TooManyAttempts(Duration retryAfter) implements SignInResult, Refusal {
            public TooManyAttempts {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }

            @Override
            public ErrorCode code() {
                return ErrorCode.RATE_LIMITED;
            }
        }
    }
}
