package org.openml.auth.core.port.in;

import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.ErrorCode;

/** Signing up with a password and confirming the email address. */
public interface Registration {

    /**
     * Creates an inactive account with an API key and mails a confirmation link. A mail failure
     * does not undo the account: {@link Registered#confirmationMailSent()} is false and the user
     * can ask for the link again. Counted first against the client address's registration limit;
     * a new account is written to the audit log.
     *
     * @throws org.openml.auth.core.error.RateLimitedException when the client address is over its limit
     * <p>With enumeration protection on ({@code AuthServices.Builder#enumerationProtection}), a
     * taken address gives {@link RegistrationResult.OwnerNotified} instead of
     * {@link RegistrationResult.EmailTaken}: nothing is created, the account's owner is mailed
     * that someone tried, and the password is hashed all the same, so the answer and its timing
     * match a real registration's.
     *
     * @throws org.openml.auth.core.error.InvalidInputException for missing fields, an invalid
     *     email, or a password outside the length limits (checked in that order)
     */
    RegistrationResult register(RegisterCommand command);

    /** Redeems a confirmation token from a mailed link (audited, with the client's address). */
    ConfirmationResult confirmEmail(String token, String ipAddress);

    /**
     * Mails a new confirmation link if an unconfirmed account has this address; does nothing
     * (and says nothing different) otherwise. Counted against the client address's and the
     * inbox's account-mail limits.
     *
     * @throws org.openml.auth.core.error.InvalidInputException for a missing or invalid email
     * @throws org.openml.auth.core.error.RateLimitedException when the client address is over its limit
     */
    void resendConfirmation(String email, String ipAddress);

    /**
     * Whether an account uses this address; always false, without a look-up, when enumeration
     * protection is on. Counted against the client address's check-email limit.
     *
     * @throws org.openml.auth.core.error.InvalidInputException when the email is missing
     * @throws org.openml.auth.core.error.RateLimitedException when the client address is over its limit
     */
    boolean emailExists(String email, String ipAddress);

    /**
     * The legacy confirmation route: activates the account whose {@code activation_code} is the
     * {@code token} query parameter of {@code url} (audited).
     */
    ConfirmationResult confirmLegacyLink(String url, String ipAddress);

    /** Raw sign-up input; the use case validates it so it can answer in the contract's order. */
    record RegisterCommand(String firstName, String lastName, String email, String password, String ipAddress) {
        @Override
        public String toString() {
            return "RegisterCommand[email=" + Email.parse(email).map(Email::masked).orElse("?") + "]";
        }
    }

    sealed interface RegistrationResult {
        record Registered(User user, boolean confirmationMailSent) implements RegistrationResult {}

        /**
         * Enumeration protection: the address was taken, nothing was created, and its owner was
         * mailed (unless the mail failed: {@code mailSent}). Answer it exactly like {@link Registered}.
         */
        record OwnerNotified(boolean mailSent) implements RegistrationResult {}

        record EmailTaken() implements RegistrationResult, Refusal {
            @Override
            public ErrorCode code() {
                return ErrorCode.EMAIL_TAKEN;
            }
        }
    }

    sealed interface ConfirmationResult {
        record Confirmed(Email email) implements ConfirmationResult {}

        record AlreadyConfirmed(Email email) implements ConfirmationResult {}

        /** The token is unknown, malformed or already redeemed. */
        record Rejected(ErrorCode code) implements ConfirmationResult, Refusal {}
    }
}
