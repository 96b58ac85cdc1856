package org.openml.auth.core.usecase;

import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.port.in.AccountActivity;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import org.openml.auth.core.domain.DeviceLabel;
import org.openml.auth.core.domain.DeviceSession;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.port.out.DeviceSessionStore;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.RandomSource;
import org.openml.auth.core.session.NextAuthSessionCodec;

final class SessionService implements Sessions {
    private static final System.Logger LOG = System.getLogger(SessionService.class.getName());
    /** A session's "last seen" is written at most this often: reads in between write nothing. */
    static final Duration LAST_SEEN_PRECISION = Duration.ofMinutes(1);
    private final NextAuthSessionCodec codec;
    private final RandomSource random;
    private final Clock clock;
    private final AuthPolicy policy;
    private final SessionRevoker revoker;
    private final AccountActivity activity;
    /** Empty when the host wired no device records: sessions are then checked against the cut-off only. */
    private final Optional<DeviceSessionStore> devices;
    private final UserStore users;

    SessionService(NextAuthSessionCodec codec, RandomSource random, Clock clock, AuthPolicy policy,
            SessionRevoker revoker, AccountActivity activity, Optional<DeviceSessionStore> devices, UserStore users) {
        this.users = users;
        this.activity = activity;
        this.devices = devices;
        this.codec = codec;
        this.random = random;
        this.clock = clock;
        this.policy = policy;
        this.revoker = revoker;
    }

    /** Every sign-in gets a new random {@code jti}: nothing of a cookie presented before it survives (no fixation). */
    @Override
    public IssuedSession issue(User user) {
        return issue(user, "");
    }

    @Override
    public IssuedSession issue(User user, Method method) {
        return issue(user, method.code());
    }

    private IssuedSession issue(User user, String method) {
        Instant now = now();
        Instant signedInAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return encode(Session.of(user, signedInAt, now, expiry(now, signedInAt), newId(), method));
    }

    @Override
    public Optional<Session> read(String token) {
        return read(token, null);
    }

    @Override
    public Optional<Session> read(String token, SeenFrom client) {
        // Decode first: forged or expired tokens cost no store read.
        Instant now = clock.instant();
        Optional<Session> decoded = codec.decode(token, now).filter(s -> withinLifetime(s, now));
        if (decoded.isEmpty()) return decoded;
        Session session = decoded.get();
        if (devices.isEmpty() || session.id().isEmpty()) return decoded.filter(this::notRevoked);
        // The cut-off and this session's record in one store read.
        DeviceSessionStore.Check check = devices.get().check(session.userId(), session.id());
        if (check.validAfter().map(cutoff -> session.signedInAt().isBefore(cutoff)).orElse(false)) return Optional.empty();
        if (check.record().flatMap(DeviceSessionStore.Seen::endedAt).isPresent()) return Optional.empty();
        if (client != null) note(session, check.record(), client, now);
        return decoded;
    }

    /**
     * Records a session at its first read, and its use at most once a minute after that. A store
     * failure here only loses a "last seen": the session itself was read and stands.
     */
    private void note(Session session, Optional<DeviceSessionStore.Seen> record, SeenFrom client, Instant now) {
        try {
            if (record.isEmpty()) {
                devices.get().record(new DeviceSession(session.id(), session.userId(), session.signedInAt(), now,
                        session.signInMethod(), client.ipAddress(), DeviceLabel.of(client.userAgent()), Optional.empty()));
            } else if (!now.isBefore(record.get().lastSeenAt().plus(LAST_SEEN_PRECISION))) {
                devices.get().touch(session.id(), now);
            }
        } catch (AuthException e) {
            LOG.log(Level.WARNING, "could not note the use of a session of user {0}: {1}", session.userId(), e.getMessage());
        }
    }

    @Override
    public void end(Session session) {
        if (devices.isEmpty() || session.id().isEmpty()) return;
        devices.get().end(session.userId(), session.id(), clock.instant());
    }

    /**
     * The absolute lifetime: a session refreshed every hour would otherwise live for ever. Counted
     * from {@code signedInAt}, which refreshes carry over ({@code iat} for the Next.js app's tokens).
     */
    private boolean withinLifetime(Session session, Instant now) {
        return now.isBefore(session.signedInAt().plus(policy.sessionMaxLifetime()));
    }

    /** The sliding expiry, never past the end of the absolute lifetime. */
    private Instant expiry(Instant now, Instant signedInAt) {
        Instant sliding = now.plus(policy.sessionMaxAge());
        Instant absolute = signedInAt.plus(policy.sessionMaxLifetime()).truncatedTo(ChronoUnit.SECONDS);
        return sliding.isAfter(absolute) ? absolute : sliding;
    }

    /**
     * Revoked when the sign-in happened strictly before the cut-off. A session signed in within the
     * very millisecond of a revocation survives: that is the new session a takeover wipe or a
     * reset leads to, issued right after it; older sessions are at least a sign-in round trip older.
     */
    private boolean notRevoked(Session session) {
        return revoker.store().validAfter(session.userId()).map(cutoff -> !session.signedInAt().isBefore(cutoff)).orElse(true);
    }

    @Override
    public void revokeAll(UserId user) {
        revoker.revokeAll(user);
    }

    @Override
    public void signOutEverywhere(UserId user, String ipAddress) {
        revoker.revokeAll(user);
        activity.record(user, Type.SIGNED_OUT_EVERYWHERE, Method.SESSION, Outcome.SUCCESS, ipAddress, Optional.empty());
    }

    /**
     * The id stays: it names the session in the list of devices, and a refresh is the same session.
     * (Tokens from the Next.js app may have none: they get one.)
     */
    @Override
    public IssuedSession refresh(Session session) {
        Instant now = now();
        return encode(session.renewed(now, expiry(now, session.signedInAt()), session.id().isEmpty() ? newId() : session.id()));
    }

    @Override
    public Optional<IssuedSession> update(Session session) {
        return users.findById(session.userId()).map(user -> refresh(session.withAccount(user)));
    }

    private IssuedSession encode(Session session) {
        return new IssuedSession(session, codec.encode(session));
    }

    /** JWT times are whole seconds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** A random UUID-shaped id, as next-auth's {@code jti}. */
    private String newId() {
        String hex = HexFormat.of().formatHex(random.bytes(16));
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
