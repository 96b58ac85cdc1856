package org.openml.auth.testkit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.port.out.ChallengeStore;

/** A {@link ChallengeStore} in memory, for tests and single-node demos. Thread-safe. */
public final class InMemoryChallengeStore implements ChallengeStore {
    private final Map<String, Entry> entries = new HashMap<>();

    private record Entry(String purpose, String payload, Instant expiresAt) {}

    @Override
    public synchronized void put(TokenHash key, String purpose, String payload, Instant expiresAt) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(payload, "payload");
        if (payload.length() > MAX_PAYLOAD_LENGTH) throw new IllegalArgumentException("payload too long");
        entries.put(key.hex(), new Entry(purpose, payload, expiresAt));
    }

    @Override
    public synchronized Optional<String> take(TokenHash key, String purpose, Instant now) {
        Entry entry = entries.remove(key.hex());
        if (entry == null || !entry.purpose.equals(purpose) || !now.isBefore(entry.expiresAt)) return Optional.empty();
        return Optional.of(entry.payload);
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = entries.size();
        entries.values().removeIf(e -> !now.isBefore(e.expiresAt));
        return before - entries.size();
    }

    /** Entries held (including expired ones not yet deleted). */
    public synchronized int size() {
        return entries.size();
    }
}
