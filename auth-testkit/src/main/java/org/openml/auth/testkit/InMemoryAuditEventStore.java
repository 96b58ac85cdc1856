package org.openml.auth.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.port.out.AuditEventStore;

/**
 * An {@link AuditEventStore} in memory, for tests and single-node demos. Thread-safe.
 * {@link #failWrites(boolean)} and {@link #failReads(boolean)} make it fail like a database that is down.
 */
public final class InMemoryAuditEventStore implements AuditEventStore {
    /** Newest first: by time, then by order of appending. */
    private static final Comparator<Entry> NEWEST_FIRST =
            Comparator.comparing((Entry e) -> e.event.at()).thenComparingLong(e -> e.sequence).reversed();

    private final List<Entry> entries = new ArrayList<>();
    private long sequence;
    private boolean failWrites;
    private boolean failReads;

    private record Entry(long sequence, AuditEvent event) {}

    @Override
    public synchronized void append(AuditEvent event, int keepPerUser, Instant dropBefore) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(dropBefore, "dropBefore");
        if (keepPerUser < 1) throw new IllegalArgumentException("keepPerUser must be at least 1");
        if (failWrites) throw new StoreUnavailableException("simulated audit store failure", null);
        entries.add(new Entry(++sequence, event));
        List<Entry> mine = entries.stream().filter(e -> e.event.userId().equals(event.userId())).sorted(NEWEST_FIRST).toList();
        for (int i = 0; i < mine.size(); i++) {
            Entry e = mine.get(i);
            if (i >= keepPerUser || e.event.at().isBefore(dropBefore)) entries.remove(e);
        }
    }

    @Override
    public synchronized List<AuditEvent> recent(UserId user, int limit) {
        Objects.requireNonNull(user, "user");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        if (failReads) throw new StoreUnavailableException("simulated audit store failure", null);
        return entries.stream().filter(e -> e.event.userId().equals(user)).sorted(NEWEST_FIRST).limit(limit)
                .map(Entry::event).toList();
    }

    /** While true, {@link #append} throws {@link StoreUnavailableException} and stores nothing. */
    /** Removes every event of {@code user} (account deletion: they hold addresses). */
    public synchronized void removeAll(UserId user) {
        entries.removeIf(e -> e.event.userId().equals(user));
    }

    public synchronized void failWrites(boolean fail) {
        this.failWrites = fail;
    }

    /** While true, {@link #recent} throws {@link StoreUnavailableException}. */
    public synchronized void failReads(boolean fail) {
        this.failReads = fail;
    }

    /** Every stored event, newest first (all accounts). */
    public synchronized List<AuditEvent> all() {
        return entries.stream().sorted(NEWEST_FIRST).map(Entry::event).toList();
    }
}
