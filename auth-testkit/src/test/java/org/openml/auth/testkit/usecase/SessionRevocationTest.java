package org.openml.auth.testkit.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.SessionRevocationStore;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.session.NextAuthSessionCodec;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.testkit.InMemorySessionRevocationStore;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** The Sessions use case against the "valid after" cut-off, with a controlled clock. */
class SessionRevocationTest {
    static final String SECRET = "revocation-test-secret-0123456789abcdef";
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00.500Z");

    final MutableClock clock = new MutableClock(T0);
    final RecordingMailer mailer = new RecordingMailer();
    InMemoryStores stores;
    AuthServices auth;
    Sessions sessions;
    User ada;

    /** Services on fresh stores, with {@code revocations} (or the stores' own when null) and one active account. */
    AuthServices build(SessionRevocationStore revocations) {
        stores = InMemoryStores.create();
        AuthServices services = AuthServices.builder().stores(stores)
                .sessionRevocations(revocations == null ? stores.sessionRevocations() : revocations)
                .passwordHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of())).mailer(mailer).clock(clock)
                .publicUrl(URI.create("http://localhost:3050")).sessionSecret(SECRET).build();
        // Made directly (not through confirmation, which revokes): no cut-off to start with.
        ada = ((UserStore.CreateResult.Created) stores.users().create(new NewUser(new Username("ada"),
                new Email("ada@example.org"), "Ada", "Lovelace", new PasswordHash("!"), true,
                new ApiKey("0123456789abcdef0123456789abcdef"), "127.0.0.1", T0))).user();
        return services;
    }

    @BeforeEach
    void setUp() {
        auth = build(null);
        sessions = auth.sessions();
    }

    @Test
    void revokeAllRefusesEarlierSessionsAndKeepsLaterOnes() {
        IssuedSession before = sessions.issue(ada);
        clock.advance(Duration.ofMillis(1));
        sessions.revokeAll(ada.id());
        IssuedSession sameMillisecond = sessions.issue(ada);
        clock.advance(Duration.ofMillis(1));
        IssuedSession after = sessions.issue(ada);

        assertThat(sessions.read(before.token())).isEmpty();
        assertThat(sessions.read(sameMillisecond.token())).as("issued in the revocation's own millisecond, after it").isPresent();
        assertThat(sessions.read(after.token())).isPresent();
    }

    @Test
    void aRefreshedSessionKeepsItsSignInTime() {
        IssuedSession issued = sessions.issue(ada);
        clock.advance(Duration.ofMinutes(100));
        IssuedSession refreshed = sessions.refresh(sessions.read(issued.token()).orElseThrow());
        Session read = sessions.read(refreshed.token()).orElseThrow();

        assertThat(read.signedInAt()).isEqualTo(T0);
        assertThat(read.issuedAt()).isEqualTo(T0.plus(Duration.ofMinutes(100)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        // The same session: its id names it in the owner's list of devices.
        assertThat(read.id()).isEqualTo(issued.session().id());
        stores.sessionRevocations().revokeBefore(ada.id(), T0.plusMillis(1));
        assertThat(sessions.read(refreshed.token())).isEmpty();
    }

    @Test
    void withoutACutoffEveryValidSessionReads() {
        assertThat(sessions.read(sessions.issue(ada).token())).isPresent();
        assertThat(stores.sessionRevocations().validAfter(ada.id())).isEmpty();
    }

    @Test
    void revocationIsPerUser() {
        IssuedSession adaSession = sessions.issue(ada);
        User other = new User(new UserId(ada.id().value() + 1000), ada.username(), new Email("o@example.org"),
                ada.firstName(), ada.lastName(), ada.passwordHash(), true, ada.apiKey(), ada.image(), ada.createdAt());
        IssuedSession otherSession = sessions.issue(other);
        clock.advance(Duration.ofSeconds(1));
        sessions.revokeAll(ada.id());
        assertThat(sessions.read(adaSession.token())).isEmpty();
        assertThat(sessions.read(otherSession.token())).isPresent();
    }

    // ---- tokens minted by OpenML's Next.js app: no signedInAt claim ----

    String nextJsToken(Instant iat, boolean withIat) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(Long.toString(ada.id().value()))
                .claim("userId", Long.toString(ada.id().value())).claim("email", "ada@example.org").claim("username", "ada")
                .expirationTime(Date.from(clock.instant().plus(Duration.ofHours(2)))).jwtID("next-js");
        if (withIat) claims.issueTime(Date.from(iat));
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), claims.build());
        jwt.encrypt(new DirectEncrypter(NextAuthSessionCodec.deriveKey(SECRET)));
        return jwt.serialize();
    }

    @Test
    void aTokenWithoutTheClaimIsJudgedByIat() throws Exception {
        String early = nextJsToken(Instant.parse("2026-03-01T12:00:00Z"), true);
        assertThat(sessions.read(early).orElseThrow().signedInAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        clock.advance(Duration.ofSeconds(5));
        sessions.revokeAll(ada.id());
        String later = nextJsToken(clock.instant().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), true);

        assertThat(sessions.read(early)).isEmpty();
        assertThat(sessions.read(later)).as("iat after the cut-off").isPresent();
    }

    @Test
    void iatInTheSameSecondAsTheCutoffErrsTowardsRefusing() throws Exception {
        // Cut-off at 12:00:05.500; a Next.js token refreshed at 12:00:05.900 carries iat 12:00:05: refused.
        clock.advance(Duration.ofSeconds(5));
        sessions.revokeAll(ada.id());
        assertThat(sessions.read(nextJsToken(Instant.parse("2026-03-01T12:00:05Z"), true))).isEmpty();
    }

    @Test
    void aTokenWithNeitherClaimNorIatIsRefused() throws Exception {
        // No sign-in time at all: it counts as signed in at the epoch, so any cut-off revokes it and
        // the absolute lifetime (7 days from sign-in) has long run out. next-auth always sets iat.
        String token = nextJsToken(null, false);
        assertThat(sessions.read(token)).isEmpty();
    }

    // ---- the store ----

    @Test
    void aSessionReadCostsOneStoreReadAndForgedTokensNone() {
        AtomicInteger reads = new AtomicInteger();
        InMemorySessionRevocationStore real = new InMemorySessionRevocationStore();
        Sessions counted = build(new SessionRevocationStore() {
            @Override
            public Optional<Instant> validAfter(UserId user) {
                reads.incrementAndGet();
                return real.validAfter(user);
            }

            @Override
            public void revokeBefore(UserId user, Instant cutoff) {
                real.revokeBefore(user, cutoff);
            }
        }).sessions();
        reads.set(0);
        String token = counted.issue(ada).token();
        assertThat(reads).hasValue(0);
        counted.read(token);
        assertThat(reads).hasValue(1);
        counted.read("not-a-token");
        counted.read(token.substring(0, token.length() - 3) + "AAA");
        assertThat(reads).hasValue(1);
    }

    @Test
    void anUnreadableStoreFailsClosed() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        Sessions failing = build(new SessionRevocationStore() {
            @Override
            public Optional<Instant> validAfter(UserId user) {
                if (down.get()) throw new StoreUnavailableException("read a session cut-off: connection refused", null);
                return Optional.empty();
            }

            @Override
            public void revokeBefore(UserId user, Instant cutoff) {
                if (down.get()) throw new StoreUnavailableException("revoke sessions: connection refused", null);
            }
        }).sessions();
        down.set(true);
        String token = failing.issue(ada).token();
        assertThatThrownBy(() -> failing.read(token)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> failing.revokeAll(ada.id())).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void theBuilderRequiresARevocationStore() {
        assertThatThrownBy(() -> AuthServices.builder().users(stores.users()).confirmationTokens(stores.confirmationTokens())
                .resetTokens(stores.resetTokens()).apiKeys(stores.apiKeys())
                .passwordHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of())).mailer(mailer)
                .publicUrl(URI.create("http://localhost")).sessionSecret(SECRET).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("sessionRevocations");
    }
}
