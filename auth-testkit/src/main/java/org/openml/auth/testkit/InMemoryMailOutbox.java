package org.openml.auth.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.openml.auth.core.port.out.MailOutbox;

/** A {@link MailOutbox} in memory (lost with the process), for tests and single-node demos. Thread-safe. */
public final class InMemoryMailOutbox implements MailOutbox {
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private long nextId = 1;

    private record Entry(long id, String payload, int attempts, Instant createdAt, Instant dueAt, String error) {}

    @Override
    public synchronized void add(String payload, Instant now) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(now, "now");
        long id = nextId++;
        entries.put(id, new Entry(id, payload, 0, now, now, null));
    }

    @Override
    public synchronized List<Queued> claimDue(Instant now, Duration lease, int limit) {
        List<Entry> due = entries.values().stream().filter(e -> !e.dueAt().isAfter(now))
                .sorted(Comparator.comparing(Entry::dueAt).thenComparing(Entry::id)).limit(limit).toList();
        List<Queued> claimed = new ArrayList<>();
        for (Entry e : due) {
            entries.put(e.id(), new Entry(e.id(), e.payload(), e.attempts(), e.createdAt(), now.plus(lease), e.error()));
            claimed.add(new Queued(e.id(), e.payload(), e.attempts(), e.createdAt()));
        }
        return claimed;
    }

    @Override
    public synchronized void remove(long id) {
        entries.remove(id);
    }

    @Override
    public synchronized void retryLater(long id, int attempts, Instant retryAt, String error) {
        Entry e = entries.get(id);
        if (e == null) return;
        String cut = error == null ? null : error.length() > 255 ? error.substring(0, 255) : error;
        entries.put(id, new Entry(id, e.payload(), attempts, e.createdAt(), retryAt, cut));
    }

    @Override
    public synchronized Backlog backlog() {
        if (entries.isEmpty()) return Backlog.EMPTY;
        Optional<Instant> oldest = entries.values().stream().map(Entry::createdAt).min(Comparator.naturalOrder());
        return new Backlog(entries.size(), oldest);
    }

    /** How many mails wait (for tests). */
    public synchronized int size() {
        return entries.size();
    }
}
