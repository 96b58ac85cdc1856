package org.openml.auth.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AccountLockStore;

/** An {@link AccountLockStore} held in memory. */
public final class InMemoryAccountLockStore implements AccountLockStore {
    private final Set<Long> locked = ConcurrentHashMap.newKeySet();

    @Override
    public boolean lock(UserId user, Instant at, String by) {
        Objects.requireNonNull(by, "by");
        return locked.add(user.value());
    }

    @Override
    public boolean unlock(UserId user) {
        return locked.remove(user.value());
    }

    @Override
    public boolean isLocked(UserId user) {
        return locked.contains(user.value());
    }
}
