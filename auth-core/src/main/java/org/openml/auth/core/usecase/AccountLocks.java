package org.openml.auth.core.usecase;

import java.util.Optional;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AccountLockStore;

/** Whether an operator or admin locked an account; nothing is locked where the host keeps no locks. */
final class AccountLocks {
    private final Optional<AccountLockStore> store;

    AccountLocks(Optional<AccountLockStore> store) {
        this.store = store;
    }

    boolean locked(UserId user) {
        return store.isPresent() && store.get().isLocked(user);
    }

    Optional<AccountLockStore> store() {
        return store;
    }
}
