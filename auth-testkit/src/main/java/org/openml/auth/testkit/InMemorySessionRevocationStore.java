package org.openml.auth.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.SessionRevocationStore;

/** A {@link SessionRevocationStore} in memory, for tests and single-node demos. Thread-safe. */
public final class InMemorySessionRevocationStore implements SessionRevocationStore {
    private final ConcurrentHashMap<Long, Instant> cutoffs = new ConcurrentHashMap<>();

    @Override
    public Optional<Instant> validAfter(UserId user) {
        Objects.requireNonNull(user, "user");
        return Optional.ofNullable(cutoffs.get(user.value()));
    }

    @Override
    public void revokeBefore(UserId user, Instant cutoff) {
        Objects.requireNonNull(user, "user");
        Instant millis = Objects.requireNonNull(cutoff, "cutoff").truncatedTo(ChronoUnit.MILLIS);
        // merge is atomic per key: concurrent revocations keep the latest cut-off.
        cutoffs.merge(user.value(), millis, (old, proposed) -> proposed.isAfter(old) ? proposed : old);
    }
}
