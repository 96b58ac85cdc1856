package org.openml.auth.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.OneTimeTokenStore;

/**
 * A {@link OneTimeTokenStore} held in memory, for tests and demos: {@link #confirmation()} forgets
 * used tokens, {@link #reset()} keeps them marked used, as the SQL tables do. Thread-safe (every
 * method holds the store's lock), so {@link #markUsed} and {@link #delete} succeed for exactly one
 * of many concurrent callers. Keeps instants to the millisecond, as the SQL stores do, and compares
 * hashes with {@link TokenHash#matches} (constant time).
 */
public final class InMemoryOneTimeTokenStore implements OneTimeTokenStore {
    private final List<Entry> entries = new ArrayList<>();
    private final boolean keepsUsedTokens;

    private InMemoryOneTimeTokenStore(boolean keepsUsedTokens) {
        this.keepsUsedTokens = keepsUsedTokens;
    }

    /** An empty store shaped like {@code email_confirmation_token}: a used token is deleted. */
    public static InMemoryOneTimeTokenStore confirmation() {
        return new InMemoryOneTimeTokenStore(false);
    }

    /** An empty store shaped like {@code password_reset_token}: a used token stays, marked used. */
    public static InMemoryOneTimeTokenStore reset() {
        return new InMemoryOneTimeTokenStore(true);
    }

    @Override
    public synchronized void issue(UserId user, TokenHash hash, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hash, "hash");
        entries.removeIf(e -> e.userId.equals(user) || e.hash.matches(hash));
        entries.add(new Entry(user, hash, expiresAt.truncatedTo(ChronoUnit.MILLIS)));
    }

    @Override
    public synchronized Optional<StoredToken> find(TokenHash hash) {
        return lookUp(hash).map(e -> new StoredToken(e.userId, e.expiresAt, e.used));
    }

    @Override
    public synchronized boolean markUsed(TokenHash hash, Instant usedAt) {
        Objects.requireNonNull(usedAt, "usedAt");
        Optional<Entry> entry = lookUp(hash).filter(e -> !e.used);
        entry.ifPresent(e -> {
            if (keepsUsedTokens) e.used = true;
            else entries.remove(e);
        });
        return entry.isPresent();
    }

    @Override
    public synchronized boolean delete(TokenHash hash) {
        Optional<Entry> entry = lookUp(hash);
        entry.ifPresent(entries::remove);
        return entry.isPresent();
    }

    @Override
    public boolean keepsUsedTokens() {
        return keepsUsedTokens;
    }

    /** Removes every token of {@code user} (account deletion). */
    public synchronized void removeAll(UserId user) {
        entries.removeIf(e -> e.userId.equals(user));
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
        final Instant expiresAt;
        boolean used;

        Entry(UserId userId, TokenHash hash, Instant expiresAt) {
            this.userId = userId;
            this.hash = hash;
            this.expiresAt = expiresAt;
        }
    }
}
