package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.SessionRevocationStore;

/**
 * What every {@link SessionRevocationStore} must do. Extend it once per implementation. The
 * store needs no account rows: cut-offs are kept by user id alone.
 */
public abstract class SessionRevocationStoreContract {
    protected static final int THREADS = 8;
    static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123Z");
    /** Ids far apart per test, so stores that share a database across tests do not collide. */
    private static final AtomicLong NEXT_ID = new AtomicLong(7_000_000 + (System.nanoTime() & 0xFFFF) * 64);

    private SessionRevocationStore store;

    /** A fresh store; called once before each test. */
    protected abstract SessionRevocationStore newStore();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    private static UserId someUser() {
        return new UserId(NEXT_ID.incrementAndGet());
    }

    @Test
    void aUserWhoNeverRevokedHasNoCutoff() {
        assertThat(store.validAfter(someUser())).isEmpty();
    }

    @Test
    void aCutoffIsKeptWithMillisecondPrecision() {
        UserId user = someUser();
        store.revokeBefore(user, NOW);
        assertThat(store.validAfter(user)).contains(NOW);
    }

    @Test
    void finerThanMillisecondsIsTruncatedNotRounded() {
        UserId user = someUser();
        store.revokeBefore(user, NOW.plusNanos(999_999));
        assertThat(store.validAfter(user)).contains(NOW);
    }

    @Test
    void theCutoffMovesForward() {
        UserId user = someUser();
        store.revokeBefore(user, NOW);
        store.revokeBefore(user, NOW.plusMillis(1));
        assertThat(store.validAfter(user)).contains(NOW.plusMillis(1));
        store.revokeBefore(user, NOW.plus(Duration.ofDays(3)));
        assertThat(store.validAfter(user)).contains(NOW.plus(Duration.ofDays(3)));
    }

    @Test
    void theCutoffNeverMovesBackwards() {
        UserId user = someUser();
        store.revokeBefore(user, NOW);
        store.revokeBefore(user, NOW.minusMillis(1));
        store.revokeBefore(user, NOW.minus(Duration.ofDays(365)));
        assertThat(store.validAfter(user)).contains(NOW);
    }

    @Test
    void usersAreIndependent() {
        UserId one = someUser();
        UserId other = someUser();
        store.revokeBefore(one, NOW);
        assertThat(store.validAfter(other)).isEmpty();
        store.revokeBefore(other, NOW.minusSeconds(5));
        assertThat(store.validAfter(one)).contains(NOW);
        assertThat(store.validAfter(other)).contains(NOW.minusSeconds(5));
    }

    @Test
    void aSecondStoreOnTheSameDataSeesTheCutoff() {
        UserId user = someUser();
        store.revokeBefore(user, NOW);
        SessionRevocationStore otherNode = newStore();
        assertThat(otherNode.validAfter(user)).contains(NOW);
    }

    @Test
    void concurrentRevocationsKeepTheLatestCutoff() throws InterruptedException {
        UserId user = someUser();
        List<Boolean> done = Concurrently.run(THREADS, i -> () -> {
            for (int round = 0; round < 5; round++) store.revokeBefore(user, NOW.plusMillis(i * 10L + round));
            return true;
        });
        assertThat(done).containsOnly(true);
        assertThat(store.validAfter(user)).contains(NOW.plusMillis((THREADS - 1) * 10L + 4));
    }

    @Test
    void nullsAreRefused() {
        assertThatThrownBy(() -> store.revokeBefore(null, NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.revokeBefore(someUser(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.validAfter(null)).isInstanceOf(NullPointerException.class);
    }
}
