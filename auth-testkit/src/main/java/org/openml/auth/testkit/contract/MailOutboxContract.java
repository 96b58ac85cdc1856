package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.port.out.MailOutbox;
import org.openml.auth.core.port.out.MailOutbox.Queued;

/**
 * What every {@link MailOutbox} must do. Extend it once per implementation; {@link #newStore()}
 * may return a second view of the same data (another pool, as a second node would open), and
 * must start empty for each test.
 */
public abstract class MailOutboxContract {
    protected static final int THREADS = 4;
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00.123Z");
    static final Duration LEASE = Duration.ofMinutes(1);

    private MailOutbox outbox;

    /** A fresh, empty outbox; another call in the same test may return a second view of the same data. */
    protected abstract MailOutbox newStore();

    @BeforeEach
    final void createStore() {
        outbox = newStore();
    }

    @Test
    void anEmptyOutboxHasNothingDueAndNoBacklog() {
        assertThat(outbox.claimDue(NOW, LEASE, 10)).isEmpty();
        assertThat(outbox.backlog()).isEqualTo(MailOutbox.Backlog.EMPTY);
    }

    @Test
    void mailsAreClaimedOldestFirstWithTheirPayloadUntouched() {
        String big = "x".repeat(20_000) + "é✓";
        outbox.add("first", NOW);
        outbox.add(big, NOW.plusMillis(1));
        outbox.add("not due yet", NOW.plusSeconds(60));
        List<Queued> claimed = outbox.claimDue(NOW.plusMillis(5), LEASE, 10);
        assertThat(claimed).extracting(Queued::payload).containsExactly("first", big);
        assertThat(claimed.get(0).attempts()).isZero();
        assertThat(claimed.get(0).createdAt()).isEqualTo(NOW);
        assertThat(outbox.backlog().count()).isEqualTo(3);
        assertThat(outbox.backlog().oldest()).contains(NOW);
    }

    @Test
    void aClaimedMailIsNotHandedOutAgainUntilItsLeaseEnds() {
        outbox.add("once", NOW);
        assertThat(outbox.claimDue(NOW, LEASE, 10)).hasSize(1);
        assertThat(outbox.claimDue(NOW.plusSeconds(59), LEASE, 10)).as("leased").isEmpty();
        assertThat(outbox.claimDue(NOW.plus(LEASE), LEASE, 10)).as("the sender died: the next claim gets it").hasSize(1);
    }

    @Test
    void aRemovedMailIsGoneAndARescheduledOneComesBackWithItsAttempts() {
        outbox.add("sent", NOW);
        outbox.add("failed", NOW);
        List<Queued> claimed = outbox.claimDue(NOW, LEASE, 10);
        outbox.remove(claimed.get(0).id());
        outbox.retryLater(claimed.get(1).id(), 1, NOW.plusSeconds(30), "SMTP down: " + "e".repeat(400));
        assertThat(outbox.backlog().count()).isEqualTo(1);
        assertThat(outbox.claimDue(NOW.plusSeconds(29), LEASE, 10)).isEmpty();
        List<Queued> again = outbox.claimDue(NOW.plusSeconds(30), LEASE, 10);
        assertThat(again).extracting(Queued::payload).containsExactly("failed");
        assertThat(again.get(0).attempts()).isEqualTo(1);
        outbox.remove(again.get(0).id());
        assertThat(outbox.backlog()).isEqualTo(MailOutbox.Backlog.EMPTY);
    }

    @Test
    void theLimitIsKept() {
        for (int i = 0; i < 5; i++) outbox.add("m" + i, NOW);
        assertThat(outbox.claimDue(NOW, LEASE, 2)).extracting(Queued::payload).containsExactly("m0", "m1");
        assertThat(outbox.claimDue(NOW, LEASE, 10)).extracting(Queued::payload).containsExactly("m2", "m3", "m4");
    }

    @Test
    void concurrentClaimsOnTwoViewsHandEachMailToExactlyOneSender() throws Exception {
        MailOutbox second = newStore();
        for (int i = 0; i < 40; i++) outbox.add("m" + i, NOW);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                MailOutbox view = t % 2 == 0 ? outbox : second;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 20; round++) {
                        for (Queued q : view.claimDue(NOW, LEASE, 3)) if (!seen.add(q.id())) duplicates.add(q.id());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).isEmpty();
        assertThat(seen).hasSize(40);
    }
}
