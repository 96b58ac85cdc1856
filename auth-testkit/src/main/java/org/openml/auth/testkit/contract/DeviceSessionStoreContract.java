package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.DeviceSession;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.core.port.out.DeviceSessionStore;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/**
 * What every {@link DeviceSessionStore} must do, with the cut-offs of the {@link AuthStores} it
 * belongs to ({@code check} answers both in one read).
 */
public abstract class DeviceSessionStoreContract {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123Z");

    private final Samples samples = new Samples();
    private AuthStores stores;
    private DeviceSessionStore devices;

    /** Every store on one fresh, empty database; called once before each test. */
    protected abstract AuthStores newStores();

    @BeforeEach
    final void createStores() {
        stores = newStores();
        devices = stores.deviceSessions();
    }

    private UserId newUser() {
        return ((CreateResult.Created) stores.users().create(samples.user())).user().id();
    }

    private DeviceSession session(String id, UserId user, Instant signedInAt) {
        return new DeviceSession(id, user, signedInAt, signedInAt, "password", "192.0.2.4", "Firefox on Linux", Optional.empty());
    }

    @Test
    void aRecordedSessionIsFoundWithTheCutOffInOneCheck() {
        UserId user = newUser();
        devices.record(session("s-1", user, T0));

        DeviceSessionStore.Check check = devices.check(user, "s-1");

        assertThat(check.validAfter()).isEmpty();
        assertThat(check.record()).get().satisfies(s -> {
            assertThat(s.lastSeenAt()).isEqualTo(T0);
            assertThat(s.endedAt()).isEmpty();
        });
        assertThat(devices.listByUser(user)).singleElement().satisfies(s -> {
            assertThat(s.signedInAt()).isEqualTo(T0);
            assertThat(s.method()).isEqualTo("password");
            assertThat(s.ipAddress()).isEqualTo("192.0.2.4");
            assertThat(s.device()).isEqualTo("Firefox on Linux");
            assertThat(s.endedAt()).isEmpty();
        });
        stores.sessionRevocations().revokeBefore(user, T0.plusSeconds(5));
        assertThat(devices.check(user, "s-1").validAfter()).contains(T0.plusSeconds(5));
    }

    @Test
    void anUnknownSessionOrAnotherUsersSessionIsNotFound() {
        UserId user = newUser();
        UserId other = newUser();
        devices.record(session("s-1", user, T0));

        assertThat(devices.check(user, "nope").record()).isEmpty();
        assertThat(devices.check(other, "s-1").record()).as("another user's session id").isEmpty();
    }

    @Test
    void recordingTwiceKeepsTheFirstRecord() {
        UserId user = newUser();
        devices.record(session("s-1", user, T0));
        devices.record(new DeviceSession("s-1", user, T0.plusSeconds(9), T0.plusSeconds(9), "passkey", "203.0.113.1", "Safari",
                Optional.empty()));

        assertThat(devices.listByUser(user)).singleElement().satisfies(s -> assertThat(s.method()).isEqualTo("password"));
    }

    @Test
    void touchMovesLastSeenForwardOnly() {
        UserId user = newUser();
        devices.record(session("s-1", user, T0));

        devices.touch("s-1", T0.plusSeconds(120));
        devices.touch("s-1", T0.plusSeconds(60));

        assertThat(devices.check(user, "s-1").record().orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(devices.listByUser(user).get(0).lastSeenAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void endingIsForTheOwnerAndHappensOnce() {
        UserId user = newUser();
        UserId other = newUser();
        devices.record(session("s-1", user, T0));

        assertThat(devices.end(other, "s-1", T0.plusSeconds(1))).isFalse();
        assertThat(devices.end(user, "s-1", T0.plusSeconds(2))).isTrue();
        assertThat(devices.end(user, "s-1", T0.plusSeconds(3))).isFalse();
        assertThat(devices.check(user, "s-1").record().orElseThrow().endedAt()).contains(T0.plusSeconds(2));
        assertThat(devices.listByUser(user).get(0).endedAt()).contains(T0.plusSeconds(2));
    }

    @Test
    void theListIsTheUsersNewestFirst() {
        UserId user = newUser();
        UserId other = newUser();
        devices.record(session("old", user, T0));
        devices.record(session("new", user, T0.plusSeconds(60)));
        devices.record(session("theirs", other, T0.plusSeconds(30)));

        assertThat(devices.listByUser(user)).extracting(DeviceSession::id).containsExactly("new", "old");
    }

    @Test
    void purgeDeletesOnlySessionsLastSeenBeforeTheGivenTime() {
        UserId user = newUser();
        devices.record(session("old", user, T0));
        devices.record(session("new", user, T0.plusSeconds(3600)));

        assertThat(devices.purgeSeenBefore(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(devices.listByUser(user)).extracting(DeviceSession::id).containsExactly("new");
    }
}
