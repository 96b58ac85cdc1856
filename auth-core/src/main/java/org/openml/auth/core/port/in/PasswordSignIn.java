package org.openml.auth.core.port.in;

import java.time.Duration;
import java.util.Objects;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.ErrorCode;

/** Signing in with an email or username and a password. */
public interface PasswordSignIn {

    /**
     * Checks the credentials. Unknown user, wrong password and unconfirmed account give the same
     * {@link InvalidCredentials} and cost the same hashing work. After repeated failures for one
     * email/username (known or not) password sign-in for it pauses: {@link Locked}, without
     * hashing. A successful sign-in or a password reset ends the pause; passkeys and GitHub/Google
     * sign-in are not affected.
     *
     * @throws org.openml.auth.core.error.BusyException when the hashing queue is full
     */
    SignInResult signIn(String login, String password);

    /**
     * Refuses at once when password hashing is saturated, so an adapter can answer "busy" before
     * reading the request: under a sign-in flood, refusals then cost next to nothing.
     *
     * @throws org.openml.auth.core.error.BusyException when a sign-in now would be refused as busy
     */
    default void checkCapacity() {}

    sealed interface SignInResult {
        record SignedIn(User user) implements SignInResult {}

        /**
         * Wrong credentials, unknown login or unconfirmed account, all alike. {@code pauseStarted}
         * says this failure paused password sign-in for the login (for the audit log only; the
         * answer to the client is the same either way).
         */
        record InvalidCredentials(boolean pauseStarted) implements SignInResult, Refusal {
            public InvalidCredentials() {
                this(false);
            }

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
    }
}
