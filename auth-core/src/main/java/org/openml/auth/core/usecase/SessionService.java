package org.openml.auth.core.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.RandomSource;
import org.openml.auth.core.session.NextAuthSessionCodec;

final class SessionService implements Sessions {
    private final NextAuthSessionCodec codec;
    private final RandomSource random;
    private final Clock clock;
    private final AuthPolicy policy;

    SessionService(NextAuthSessionCodec codec, RandomSource random, Clock clock, AuthPolicy policy) {
        this.codec = codec;
        this.random = random;
        this.clock = clock;
        this.policy = policy;
    }

    @Override
    public IssuedSession issue(User user) {
        Instant now = now();
        return encode(Session.of(user, now, now.plus(policy.sessionMaxAge()), newId()));
    }

    @Override
    public Optional<Session> read(String token) {
        return codec.decode(token, clock.instant());
    }

    @Override
    public IssuedSession refresh(Session session) {
        Instant now = now();
        return encode(session.renewed(now, now.plus(policy.sessionMaxAge()), newId()));
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
