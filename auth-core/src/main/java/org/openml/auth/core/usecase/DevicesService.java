package org.openml.auth.core.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.DeviceSession;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.in.AccountSettings.Refused;
import org.openml.auth.core.port.in.Devices;
import org.openml.auth.core.port.out.DeviceSessionStore;

/** {@link Devices} on the session records: what is live is decided here, from the same rules as a session read. */
final class DevicesService implements Devices {
    private final Optional<DeviceSessionStore> store;
    private final AuthPolicy policy;
    private final AccountActivity activity;
    private final Clock clock;
    /** When records of long-dead sessions were last purged by this node. */
    private volatile Instant purgedAt = Instant.EPOCH;

    DevicesService(Optional<DeviceSessionStore> store, AuthPolicy policy, AccountActivity activity, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.activity = activity;
        this.clock = clock;
    }

    @Override
    public List<Device> list(Session current) {
        Objects.requireNonNull(current, "current");
        if (store.isEmpty()) return List.of();
        Instant now = clock.instant();
        purgeNowAndThen(now);
        Optional<Instant> cutoff = store.get().check(current.userId(), current.id()).validAfter();
        return store.get().listByUser(current.userId()).stream()
                .filter(s -> live(s, cutoff, now))
                .map(s -> new Device(s.id(), s.id().equals(current.id()), s.signedInAt(), s.lastSeenAt(), s.method(),
                        s.ipAddress(), s.device()))
                .toList();
    }

    /** How many live sessions {@code user} has (for operators). */
    int liveCount(org.openml.auth.core.domain.UserId user) {
        if (store.isEmpty()) return 0;
        Instant now = clock.instant();
        Optional<Instant> cutoff = store.get().check(user, "-").validAfter();
        return (int) store.get().listByUser(user).stream().filter(s -> live(s, cutoff, now)).count();
    }

    /**
     * Live as a session read would find it: not ended, not revoked by the cut-off, within its
     * absolute lifetime, and used within its sliding lifetime (else its cookie has expired).
     */
    private boolean live(DeviceSession s, Optional<Instant> cutoff, Instant now) {
        return s.endedAt().isEmpty()
                && cutoff.map(c -> !s.signedInAt().isBefore(c)).orElse(true)
                && now.isBefore(s.signedInAt().plus(policy.sessionMaxLifetime()))
                && now.isBefore(s.lastSeenAt().plus(policy.sessionMaxAge()).plus(SessionService.LAST_SEEN_PRECISION));
    }

    @Override
    public EndResult signOut(Session current, String sessionId, String ipAddress) {
        Objects.requireNonNull(current, "current");
        if (store.isEmpty() || sessionId == null || sessionId.isBlank()) return new Refused(ErrorCode.SESSION_NOT_FOUND);
        Optional<DeviceSession> record = store.get().listByUser(current.userId()).stream()
                .filter(s -> s.id().equals(sessionId)).findFirst();
        if (record.isEmpty() || !store.get().end(current.userId(), sessionId, clock.instant())) {
            return new Refused(ErrorCode.SESSION_NOT_FOUND);
        }
        activity.record(current.userId(), Type.SESSION_ENDED, Method.SESSION, Outcome.SUCCESS, ipAddress,
                Optional.of(record.get().device()));
        return new EndResult.Ended();
    }

    /** Records of sessions dead for longer than any session lives are deleted, at most hourly per node. */
    private void purgeNowAndThen(Instant now) {
        if (now.isBefore(purgedAt.plus(java.time.Duration.ofHours(1)))) return;
        purgedAt = now;
        store.get().purgeSeenBefore(now.minus(policy.sessionMaxLifetime()));
    }
}
