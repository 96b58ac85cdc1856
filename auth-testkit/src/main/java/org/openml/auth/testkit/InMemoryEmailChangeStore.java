package org.openml.auth.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.EmailChangeStore;

/** An {@link EmailChangeStore} held in memory; thread-safe, hashes compared in constant time, instants to the millisecond. */
public final class InMemoryEmailChangeStore implements EmailChangeStore {
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(TokenHash hash, Pending pending) {}

    @Override
    public synchronized void issue(UserId user, TokenHash hash, Kind kind, Email email, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hash, "hash");
        entries.removeIf(e -> (e.pending.userId().equals(user) && e.pending.kind() == kind) || e.hash.matches(hash));
        entries.add(new Entry(hash, new Pending(user, kind, email, expiresAt.truncatedTo(ChronoUnit.MILLIS))));
    }

    @Override
    public synchronized Optional<Pending> find(TokenHash hash) {
        return lookUp(hash).map(Entry::pending);
    }

    @Override
    public synchronized boolean redeem(TokenHash hash) {
        Optional<Entry> entry = lookUp(hash);
        entry.ifPresent(entries::remove);
        return entry.isPresent();
    }

    @Override
    public synchronized void cancel(UserId user, Kind kind) {
        entries.removeIf(e -> e.pending.userId().equals(user) && e.pending.kind() == kind);
    }

    /** Removes every token of {@code user} (account deletion). */
    public synchronized void removeAll(UserId user) {
        entries.removeIf(e -> e.pending.userId().equals(user));
    }

    /** How many tokens the store holds. */
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
}
