package org.openml.auth.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.DeviceSession;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.DeviceSessionStore;
import org.openml.auth.core.port.out.SessionRevocationStore;

/**
 * A {@link DeviceSessionStore} held in memory, reading the cut-offs of the given revocation store
 * (as the SQL store reads both tables in one statement). Thread-safe; instants to the millisecond.
 */
public final class InMemoryDeviceSessionStore implements DeviceSessionStore {
    private final SessionRevocationStore revocations;
    private final Map<String, DeviceSession> sessions = new LinkedHashMap<>();
    private int checks;

    /** A store whose {@link #check} reads cut-offs from {@code revocations}. */
    public InMemoryDeviceSessionStore(SessionRevocationStore revocations) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
    }

    @Override
    public Check check(UserId user, String sessionId) {
        Optional<Instant> cutoff = revocations.validAfter(user);
        synchronized (this) {
            checks++;
            return new Check(cutoff, Optional.ofNullable(sessions.get(sessionId)).filter(s -> s.userId().equals(user))
                    .map(s -> new Seen(s.lastSeenAt(), s.endedAt())));
        }
    }

    @Override
    public synchronized void record(DeviceSession session) {
        Objects.requireNonNull(session, "session");
        sessions.putIfAbsent(session.id(), new DeviceSession(session.id(), session.userId(), millis(session.signedInAt()),
                millis(session.lastSeenAt()), session.method(), session.ipAddress(), session.device(),
                session.endedAt().map(InMemoryDeviceSessionStore::millis)));
    }

    @Override
    public synchronized void touch(String sessionId, Instant at) {
        DeviceSession s = sessions.get(sessionId);
        if (s == null || !at.isAfter(s.lastSeenAt())) return;
        sessions.put(sessionId, new DeviceSession(s.id(), s.userId(), s.signedInAt(), millis(at), s.method(), s.ipAddress(),
                s.device(), s.endedAt()));
    }

    @Override
    public synchronized List<DeviceSession> listByUser(UserId user) {
        return sessions.values().stream().filter(s -> s.userId().equals(user))
                .sorted(Comparator.comparing(DeviceSession::signedInAt).reversed()).toList();
    }

    @Override
    public synchronized boolean end(UserId user, String sessionId, Instant at) {
        DeviceSession s = sessions.get(sessionId);
        if (s == null || !s.userId().equals(user) || s.endedAt().isPresent()) return false;
        sessions.put(sessionId, new DeviceSession(s.id(), s.userId(), s.signedInAt(), s.lastSeenAt(), s.method(), s.ipAddress(),
                s.device(), Optional.of(millis(at))));
        return true;
    }

    @Override
    public synchronized int purgeSeenBefore(Instant before) {
        int size = sessions.size();
        sessions.values().removeIf(s -> s.lastSeenAt().isBefore(before));
        return size - sessions.size();
    }

    /** Removes every record of {@code user} (account deletion). */
    public synchronized void removeAll(UserId user) {
        sessions.values().removeIf(s -> s.userId().equals(user));
    }

    /** How many times {@link #check} ran: one per session read. */
    public synchronized int checks() {
        return checks;
    }

    private static Instant millis(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }
}
