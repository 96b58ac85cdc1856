package org.openml.auth.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.UnprovenEmailStore;

/** An {@link UnprovenEmailStore} in memory, for tests and single-node demos. Thread-safe. */
public final class InMemoryUnprovenEmailStore implements UnprovenEmailStore {
    private final ConcurrentHashMap<Long, Instant> unproven = new ConcurrentHashMap<>();

    @Override
    public void markUnproven(UserId user, Instant since) {
        unproven.putIfAbsent(Objects.requireNonNull(user, "user").value(), Objects.requireNonNull(since, "since"));
    }

    @Override
    public boolean isUnproven(UserId user) {
        return unproven.containsKey(Objects.requireNonNull(user, "user").value());
    }

    @Override
    public boolean markProven(UserId user) {
        return unproven.remove(Objects.requireNonNull(user, "user").value()) != null;
    }
}
