package org.openml.auth.core.port.out;

import java.time.Instant;
import org.openml.auth.core.domain.UserId;

/**
 * Accounts an operator or admin locked ({@code account_lock}): every sign-in method and every API
 * key of such an account is refused until it is unlocked, on every node.
 */
public interface AccountLockStore {

    /** Locks the account; false when it was locked already (nothing changed). {@code by} names who ("operator", "admin 7"). */
    boolean lock(UserId user, Instant at, String by);

    /** Unlocks the account; false when it was not locked. */
    boolean unlock(UserId user);

    /** Whether the account is locked now. */
    boolean isLocked(UserId user);
}
