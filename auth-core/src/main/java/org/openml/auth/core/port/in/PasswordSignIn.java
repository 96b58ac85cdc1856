package org.openml.auth.core.port.in;

import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.ErrorCode;

/** Signing in with an email or username and a password. */
public interface PasswordSignIn {

    /**
     * Checks the credentials. Unknown user, wrong password and unconfirmed account give the same
     * {@link InvalidCredentials} and cost the same hashing work.
     *
     * @throws org.openml.auth.core.error.BusyException when the hashing queue is full
     */
    SignInResult signIn(String login, String password);

    sealed interface SignInResult {
        record SignedIn(User user) implements SignInResult {}

        record InvalidCredentials() implements SignInResult, Refusal {
            @Override
            public ErrorCode code() {
                return ErrorCode.INVALID_CREDENTIALS;
            }
        }
    }
}
