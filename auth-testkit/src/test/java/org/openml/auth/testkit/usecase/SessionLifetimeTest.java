package org.openml.auth.testkit.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.usecase.AuthPolicy;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** The absolute session lifetime: sliding refreshes cannot keep a session alive past it (ASVS V3.3.2). */
class SessionLifetimeTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    final MutableClock clock = new MutableClock(T0);

    Sessions sessions(AuthPolicy policy, InMemoryStores stores) {
        return AuthServices.builder().stores(stores).policy(policy)
                .passwordHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of())).mailer(new RecordingMailer())
                .clock(clock).publicUrl(URI.create("http://localhost:3050"))
                .sessionSecret("lifetime-test-secret-0123456789abcdef").build().sessions();
    }

    static User ada(InMemoryStores stores) {
        return ((UserStore.CreateResult.Created) stores.users().create(new NewUser(new Username("ada"),
                new Email("ada@example.org"), "Ada", "Lovelace", new PasswordHash("!"), true,
                new ApiKey("0123456789abcdef0123456789abcdef"), "127.0.0.1", T0))).user();
    }

    @Test
    void aSessionRefreshedEveryHourEndsSevenDaysAfterItsSignIn() {
        InMemoryStores stores = InMemoryStores.create();
        Sessions sessions = sessions(AuthPolicy.DEFAULTS, stores);
        IssuedSession current = sessions.issue(ada(stores));
        Instant end = T0.plus(Duration.ofDays(7));
        while (clock.instant().plus(Duration.ofHours(1)).isBefore(end)) {
            clock.advance(Duration.ofHours(1));
            assertThat(sessions.read(current.token())).as("at %s", clock.instant()).isPresent();
            current = sessions.refresh(sessions.read(current.token()).orElseThrow());
            assertThat(current.session().expiresAt()).isBeforeOrEqualTo(end);
        }
        clock.set(end);
        assertThat(sessions.read(current.token())).isEmpty();
    }

    @Test
    void theLifetimeIsConfigurableAndCapsTheCookieExpiry() {
        InMemoryStores stores = InMemoryStores.create();
        Sessions sessions = sessions(AuthPolicy.DEFAULTS.withSessionMaxLifetime(Duration.ofMinutes(30)), stores);
        IssuedSession issued = sessions.issue(ada(stores));
        assertThat(issued.session().expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(29));
        IssuedSession refreshed = sessions.refresh(sessions.read(issued.token()).orElseThrow());
        assertThat(refreshed.session().expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.read(refreshed.token())).isEmpty();
    }
}
