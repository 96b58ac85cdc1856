package org.openml.auth.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.PasswordResetTokenStore;

/**
 * A {@link PasswordResetTokenStore} held in memory, for tests and demos. Thread-safe (every
 * method holds the store's lock), so {@link #markUsed} succeeds for exactly one of many
 * concurrent callers. Keeps instants to the millisecond, as the SQL stores do, and compares
 * hashes with {@link TokenHash#matches} (constant time).
 */
public final class InMemoryPasswordResetTokenStore implements PasswordResetTokenStore {
    private final List<Entry> entries = new ArrayList<>();

    /** An empty store. */
    public InMemoryPasswordResetTokenStore() {}

    @Override
    public synchronized void issue(UserId user, TokenHash hash, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hash, "hash");
        entries.removeIf(e -> e.userId.equals(user) || e.hash.matches(hash));
        entries.add(new Entry(user, hash, createdAt.truncatedTo(ChronoUnit.MILLIS), expiresAt.truncatedTo(ChronoUnit.MILLIS)));
    }

    @Override
    public synchronized Optional<StoredToken> find(TokenHash hash) {
        return lookUp(hash).map(e -> new StoredToken(e.userId, e.expiresAt, e.usedAt != null));
    }

    @Override
    public synchronized boolean markUsed(TokenHash hash, Instant usedAt) {
        Objects.requireNonNull(usedAt, "usedAt");
        Optional<Entry> entry = lookUp(hash).filter(e -> e.usedAt == null);
        entry.ifPresent(e -> e.usedAt = usedAt.truncatedTo(ChronoUnit.MILLIS));
        return entry.isPresent();
    }

    @Override
    public synchronized boolean delete(TokenHash hash) {
        Optional<Entry> entry = lookUp(hash);
        entry.ifPresent(entries::remove);
        return entry.isPresent();
    }

    /** How many tokens the store holds, used, live or expired. */
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
        Instant usedAt;

        Entry(UserId userId, TokenHash hash, Instant createdAt, Instant expiresAt) {
            this.userId = userId;
            this.hash = hash;
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
        }
    }
}
