package org.openml.auth.core.port.out;

import java.time.Instant;
import org.openml.auth.core.domain.UserId;

/**
 * Accounts whose address nobody has proven yet, though the account is active: a passkey sign-up
 * proves an authenticator, not a mailbox. Until the link of its confirmation mail is used (or a
 * password reset, or GitHub/Google with that verified address), a GitHub/Google sign-in by the
 * address is treated as the owner arriving at an account someone else may have pre-claimed.
 * Kept in a table of this server's ({@code unproven_email}), so OpenML's {@code users} table stays
 * as it is; no row means proven. Implementations throw
 * {@link org.openml.auth.core.error.StoreUnavailableException} when the store fails.
 */
public interface UnprovenEmailStore {

    /** Records that the address of {@code user} is unproven since {@code since}; a second call keeps the first time. */
    void markUnproven(UserId user, Instant since);

    /** Whether the address of {@code user} is unproven. */
    boolean isUnproven(UserId user);

    /** Records that the owner proved the address; true when it was unproven until now. */
    boolean markProven(UserId user);
}
