package org.openml.auth.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openml.auth.core.domain.AttemptKey;
import org.openml.auth.core.port.out.AttemptLimiter;

/** {@link AttemptLimiter} in memory: one node's counters (a real deployment shares them through its database). */
public final class InMemoryAttemptLimiter implements AttemptLimiter {
    private final Map<AttemptKey, Attempts> windows = new ConcurrentHashMap<>();

    @Override
    public Attempts hit(AttemptKey key, Instant now, Duration window) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        if (window == null || window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
        // compute() runs atomically per key, so concurrent hits are each counted once.
        return windows.compute(key, (k, current) -> current == null || !now.isBefore(current.endsAt())
                ? new Attempts(1, now, now.plus(window))
                : new Attempts(current.count() + 1, now, current.endsAt()));
    }

    @Override
    public Optional<Attempts> peek(AttemptKey key, Instant now) {
        Attempts current = windows.get(Objects.requireNonNull(key, "key"));
        return current == null || !now.isBefore(current.endsAt()) ? Optional.empty() : Optional.of(current);
    }

    @Override
    public void reset(AttemptKey key) {
        windows.remove(Objects.requireNonNull(key, "key"));
    }

    @Override
    public int deleteExpired(Instant now) {
        int deleted = 0;
        for (Map.Entry<AttemptKey, Attempts> e : windows.entrySet()) {
            if (!now.isBefore(e.getValue().endsAt()) && windows.remove(e.getKey(), e.getValue())) deleted++;
        }
        return deleted;
    }

    /** How many keys are held (ended windows included until {@link #deleteExpired}). */
    public int size() {
        return windows.size();
    }
}
