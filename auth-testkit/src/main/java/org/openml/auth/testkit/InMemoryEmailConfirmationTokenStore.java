package org.openml.auth.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.EmailConfirmationTokenStore;

/**
 * An {@link EmailConfirmationTokenStore} held in memory, for tests and demos. Thread-safe (every
 * method holds the store's lock). Keeps instants to the millisecond, as the SQL stores do, and
 * compares hashes with {@link TokenHash#matches} (constant time).
 */
public final class InMemoryEmailConfirmationTokenStore implements EmailConfirmationTokenStore {
    private final List<Entry> entries = new ArrayList<>();

    /** An empty store. */
    public InMemoryEmailConfirmationTokenStore() {}

    @Override
    public synchronized void issue(UserId user, TokenHash hash, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hash, "hash");
        entries.removeIf(e -> e.userId.equals(user) || e.hash.matches(hash));
        entries.add(new Entry(user, hash, createdAt.truncatedTo(ChronoUnit.MILLIS), expiresAt.truncatedTo(ChronoUnit.MILLIS)));
    }

    @Override
    public synchronized Optional<StoredToken> find(TokenHash hash) {
        return lookUp(hash).map(e -> new StoredToken(e.userId, e.expiresAt));
    }

    @Override
    public synchronized boolean delete(TokenHash hash) {
        Optional<Entry> entry = lookUp(hash);
        entry.ifPresent(entries::remove);
        return entry.isPresent();
    }

    /** How many tokens the store holds, live or expired. */
    public synchronized int size() {
        return entries.size();
    }

    // Looks at every entry so the time taken does not depend on where (or whether) the hash is.
    private Optional<Entry> lookUp(TokenHash hash) {
        Entry found = null;
        for (Entry e : entries) {
            if (e.hash.matches(hash) && found == null) found = e;
        }
        return Optional.ofNullable(found);
    }

    private static final class Entry {
        final UserId userId;
        final TokenHash hash;
        final Instant createdAt;
        final Instant expiresAt;

        Entry(UserId userId, TokenHash hash, Instant createdAt, Instant expiresAt) {
            this.userId = userId;
            this.hash = hash;
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
        }
    }
}
