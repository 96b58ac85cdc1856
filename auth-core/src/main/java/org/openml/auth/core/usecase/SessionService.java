package org.openml.auth.core.usecase;

import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.port.in.AccountActivity;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.RandomSource;
import org.openml.auth.core.session.NextAuthSessionCodec;

final class SessionService implements Sessions {
    private final NextAuthSessionCodec codec;
    private final RandomSource random;
    private final Clock clock;
    private final AuthPolicy policy;
    private final SessionRevoker revoker;
    private final AccountActivity activity;

    SessionService(NextAuthSessionCodec codec, RandomSource random, Clock clock, AuthPolicy policy,
            SessionRevoker revoker, AccountActivity activity) {
        this.activity = activity;
        this.codec = codec;
        this.random = random;
        this.clock = clock;
        this.policy = policy;
        this.revoker = revoker;
    }

    /** Every sign-in gets a new random {@code jti}: nothing of a cookie presented before it survives (no fixation). */
    @Override
    public IssuedSession issue(User user) {
        Instant now = now();
        Instant signedInAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return encode(Session.of(user, signedInAt, now, expiry(now, signedInAt), newId()));
    }

    @Override
    public Optional<Session> read(String token) {
        // Decode first: forged or expired tokens cost no store read.
        Instant now = clock.instant();
        return codec.decode(token, now).filter(s -> withinLifetime(s, now)).filter(this::notRevoked);
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

    @Override
    public IssuedSession refresh(Session session) {
        Instant now = now();
        return encode(session.renewed(now, expiry(now, session.signedInAt()), newId()));
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
