package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AuditEventStore;
import org.openml.auth.core.port.out.UserStore;

/** What every {@link AuditEventStore} must do. Extend it once per implementation. */
public abstract class AuditEventStoreContract {
    protected static final int THREADS = 8;
    /** Milliseconds: what the SQL stores keep. */
    protected static final Instant T0 = Instant.parse("2025-06-07T08:09:10.123Z");
    private static final Instant LONG_AGO = Instant.EPOCH;
    private static final int KEEP = 1000;

    /** An audit store with the user store its accounts live in (SQL stores need real users). */
    protected record AuditStores(UserStore users, AuditEventStore events) {
        public AuditStores {
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(events, "events");
        }
    }

    private final Samples samples = new Samples();
    protected UserStore users;
    protected AuditEventStore store;

    /** Fresh, empty stores on one database; called once before each test. */
    protected abstract AuditStores newStores();

    @BeforeEach
    final void createStores() {
        AuditStores stores = newStores();
        users = stores.users();
        store = stores.events();
    }

    protected UserId newUser() {
        return ((UserStore.CreateResult.Created) users.create(samples.user())).user().id();
    }

    protected static AuditEvent event(UserId user, Type type, Instant at) {
        return new AuditEvent(user, type, Method.PASSWORD, Outcome.SUCCESS, at, "192.0.2.7", Optional.empty());
    }

    @Test
    void anAppendedEventComesBackWithEveryField() {
        UserId user = newUser();
        AuditEvent e = new AuditEvent(user, Type.PASSKEY_ADDED, Method.SESSION, Outcome.SUCCESS, T0, "2001:db8::7",
                Optional.of("Laptop"));

        store.append(e, KEEP, LONG_AGO);

        assertThat(store.recent(user, 10)).containsExactly(e);
    }

    @Test
    void everyTypeMethodAndOutcomeRoundTrips() {
        UserId user = newUser();
        List<AuditEvent> appended = new ArrayList<>();
        int i = 0;
        for (Type type : Type.values()) {
            for (Method method : Method.values()) {
                Outcome outcome = Outcome.values()[i % 2];
                AuditEvent e = new AuditEvent(user, type, method, outcome, T0.plusMillis(i++), "198.51.100.1", Optional.empty());
                store.append(e, KEEP, LONG_AGO);
                appended.add(0, e);
            }
        }

        assertThat(store.recent(user, appended.size())).containsExactlyElementsOf(appended);
    }

    @Test
    void eventsComeBackNewestFirstAndTiesInReverseOrderOfAppending() {
        UserId user = newUser();
        AuditEvent older = event(user, Type.SIGN_IN, T0);
        AuditEvent newest = event(user, Type.API_KEY_REGENERATED, T0.plusSeconds(60));
        AuditEvent sameTimeFirst = event(user, Type.PASSKEY_ADDED, T0.plusSeconds(30));
        AuditEvent sameTimeSecond = event(user, Type.PASSKEY_RENAMED, T0.plusSeconds(30));

        store.append(older, KEEP, LONG_AGO);
        store.append(newest, KEEP, LONG_AGO);
        store.append(sameTimeFirst, KEEP, LONG_AGO);
        store.append(sameTimeSecond, KEEP, LONG_AGO);

        assertThat(store.recent(user, 10)).containsExactly(newest, sameTimeSecond, sameTimeFirst, older);
    }

    @Test
    void theLimitCapsTheAnswerToTheNewest() {
        UserId user = newUser();
        for (int i = 0; i < 5; i++) store.append(event(user, Type.SIGN_IN, T0.plusSeconds(i)), KEEP, LONG_AGO);

        assertThat(store.recent(user, 2)).extracting(AuditEvent::at).containsExactly(T0.plusSeconds(4), T0.plusSeconds(3));
        assertThat(store.recent(user, 1)).hasSize(1);
    }

    @Test
    void eachAccountSeesOnlyItsOwnEvents() {
        UserId alice = newUser();
        UserId bob = newUser();
        store.append(event(alice, Type.SIGN_IN, T0), KEEP, LONG_AGO);
        store.append(event(bob, Type.PASSWORD_RESET, T0), KEEP, LONG_AGO);

        assertThat(store.recent(alice, 10)).extracting(AuditEvent::type).containsExactly(Type.SIGN_IN);
        assertThat(store.recent(bob, 10)).extracting(AuditEvent::type).containsExactly(Type.PASSWORD_RESET);
        assertThat(store.recent(newUser(), 10)).isEmpty();
        assertThat(store.recent(new UserId(987_654), 10)).as("unknown account").isEmpty();
    }

    @Test
    void onlyTheNewestKeepPerUserEventsOfThatAccountSurvive() {
        UserId user = newUser();
        UserId other = newUser();
        for (int i = 0; i < 4; i++) store.append(event(other, Type.SIGN_IN, T0.plusSeconds(i)), KEEP, LONG_AGO);
        for (int i = 0; i < 7; i++) store.append(event(user, Type.SIGN_IN, T0.plusSeconds(i)), 3, LONG_AGO);

        assertThat(store.recent(user, 100)).extracting(AuditEvent::at)
                .containsExactly(T0.plusSeconds(6), T0.plusSeconds(5), T0.plusSeconds(4));
        assertThat(store.recent(other, 100)).as("another account's history is untouched").hasSize(4);
    }

    @Test
    void anAppendDropsThatAccountsEventsOlderThanTheCutOff() {
        UserId user = newUser();
        UserId other = newUser();
        store.append(event(user, Type.SIGN_IN, T0), KEEP, LONG_AGO);
        store.append(event(user, Type.SIGN_IN, T0.plus(Duration.ofDays(10))), KEEP, LONG_AGO);
        store.append(event(other, Type.SIGN_IN, T0), KEEP, LONG_AGO);

        store.append(event(user, Type.SIGN_IN, T0.plus(Duration.ofDays(400))), KEEP, T0.plus(Duration.ofDays(5)));

        assertThat(store.recent(user, 100)).extracting(AuditEvent::at)
                .containsExactly(T0.plus(Duration.ofDays(400)), T0.plus(Duration.ofDays(10)));
        assertThat(store.recent(other, 100)).as("only the appending account is trimmed").hasSize(1);
    }

    @Test
    void longAddressesAndUnicodeDetailsAreKeptWhole() {
        UserId user = newUser();
        String ipv6 = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";
        String detail = "Clé de sécurité 🔑 " + "x".repeat(AuditEvent.MAX_DETAIL_LENGTH);
        AuditEvent e = new AuditEvent(user, Type.PASSKEY_RENAMED, Method.SESSION, Outcome.SUCCESS, T0, ipv6, Optional.of(detail));
        assertThat(e.ipAddress()).hasSize(AuditEvent.MAX_IP_LENGTH);
        assertThat(e.detail().orElseThrow()).hasSize(AuditEvent.MAX_DETAIL_LENGTH);

        store.append(e, KEEP, LONG_AGO);

        assertThat(store.recent(user, 1)).containsExactly(e);
    }

    @Test
    void sqlMetacharactersAreStoredAsText() {
        UserId user = newUser();
        AuditEvent e = new AuditEvent(user, Type.PASSKEY_ADDED, Method.SESSION, Outcome.SUCCESS, T0, "unknown",
                Optional.of("x'); DROP TABLE users; -- \\ %_"));

        store.append(e, KEEP, LONG_AGO);

        assertThat(store.recent(user, 1)).containsExactly(e);
        assertThat(users.findById(user)).isPresent();
    }

    @Test
    void badArgumentsAreRefusedAndChangeNothing() {
        UserId user = newUser();
        assertThatThrownBy(() -> store.recent(user, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.append(event(user, Type.SIGN_IN, T0), 0, LONG_AGO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.recent(user, 10)).isEmpty();
    }

    @Test
    void concurrentAppendsAreAllKept() throws InterruptedException {
        UserId user = newUser();
        int perThread = 5;

        Concurrently.run(THREADS, t -> () -> {
            for (int i = 0; i < perThread; i++) store.append(event(user, Type.SIGN_IN, T0.plusMillis(t * 100L + i)), KEEP, LONG_AGO);
            return null;
        });

        List<AuditEvent> all = store.recent(user, THREADS * perThread + 10);
        assertThat(all).hasSize(THREADS * perThread);
        assertThat(all).extracting(AuditEvent::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void concurrentAppendsAllSucceedAndTheNextAppendRestoresTheBound() throws InterruptedException {
        UserId user = newUser();

        // Each append trims what it sees; writers racing may briefly leave a few more, never fail.
        Concurrently.run(THREADS, t -> () -> {
            for (int i = 0; i < 5; i++) store.append(event(user, Type.SIGN_IN, T0.plusMillis(t * 100L + i)), 4, LONG_AGO);
            return null;
        });
        store.append(event(user, Type.SIGN_IN, T0.plusSeconds(10)), 4, LONG_AGO);

        assertThat(store.recent(user, 100)).hasSize(4).first().extracting(AuditEvent::at).isEqualTo(T0.plusSeconds(10));
    }
}
