package org.openml.auth.core.port.in;

import org.openml.auth.core.domain.Email;
import org.openml.auth.core.error.ErrorCode;

/** Forgotten passwords: mail a single-use link, then set a new password with it. */
public interface PasswordReset {

    /**
     * Mails a reset link when an active account has this address, voiding older links; for
     * unknown and unconfirmed addresses it does nothing, and the caller cannot tell the difference.
     *
     * Counted against the client address's and the inbox's account-mail limits.
     *
     * @throws org.openml.auth.core.error.InvalidInputException for a missing or invalid email
     * @throws org.openml.auth.core.error.RateLimitedException when the client address is over its limit
     */
    void requestReset(String email, String ipAddress);

    /**
     * Sets a new password with a token from a reset link, ends the account's sessions, writes the
     * reset (and a reclaim) to the audit log and mails the owner a security notice.
     *
     * @throws org.openml.auth.core.error.InvalidInputException for a missing token, missing
     *     password or a password outside the length limits
     */
    ResetResult resetPassword(String token, String newPassword, String ipAddress);

    sealed interface ResetResult {
        /**
         * The password was set. {@code reclaimed}: the account's address had never been proven (a
         * passkey sign-up never confirmed), so the passkeys, sessions, links and API key a
         * pre-claimer could hold were removed too.
         */
        record PasswordChanged(Email email, boolean reclaimed) implements ResetResult {
            public PasswordChanged(Email email) {
                this(email, false);
            }
        }

        /** Unknown, used or expired token. */
        record Rejected(ErrorCode code) implements ResetResult, Refusal {}
    }
}
