package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.AttemptKey;
import org.openml.auth.core.port.out.AttemptLimiter;
import org.openml.auth.core.port.out.AttemptLimiter.Attempts;

/**
 * What every {@link AttemptLimiter} must do. Extend it once per implementation; a database-backed
 * one also overrides {@link #secondNode()} with a limiter of another connection pool on the same
 * database, so the suite checks that two nodes share their counters.
 */
public abstract class AttemptLimiterContract {
    protected static final int THREADS = 8;
    protected static final int HITS_PER_THREAD = 25;
    static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123Z");
    static final Duration MINUTE = Duration.ofMinutes(1);

    private AttemptLimiter limiter;

    /** A fresh limiter; called once before each test. */
    protected abstract AttemptLimiter newLimiter();

    /**
     * A second node's limiter on the same storage as the last {@link #newLimiter()} (another pool,
     * for a database); by default that same limiter, for stores that live in one process.
     */
    protected AttemptLimiter secondNode() {
        return limiter;
    }

    @BeforeEach
    final void createLimiter() {
        limiter = newLimiter();
    }

    private static AttemptKey freshKey() {
        return AttemptKey.of("contract", UUID.randomUUID().toString());
    }

    @Test
    void theFirstHitOpensAWindow() {
        AttemptKey key = freshKey();
        Attempts first = limiter.hit(key, NOW, MINUTE);
        assertThat(first).isEqualTo(new Attempts(1, NOW, NOW.plus(MINUTE)));
        assertThat(limiter.peek(key, NOW)).contains(first);
    }

    @Test
    void hitsInTheWindowAddUpAndKeepItsEnd() {
        AttemptKey key = freshKey();
        limiter.hit(key, NOW, MINUTE);
        limiter.hit(key, NOW.plusSeconds(10), MINUTE);
        Attempts third = limiter.hit(key, NOW.plusSeconds(20), Duration.ofHours(5));
        assertThat(third).isEqualTo(new Attempts(3, NOW.plusSeconds(20), NOW.plus(MINUTE)));
    }

    @Test
    void aHitAfterTheWindowEndedStartsANewOne() {
        AttemptKey key = freshKey();
        limiter.hit(key, NOW, MINUTE);
        limiter.hit(key, NOW.plusSeconds(1), MINUTE);
        Instant later = NOW.plus(MINUTE);
        assertThat(limiter.peek(key, later)).as("the window ends at its end").isEmpty();
        assertThat(limiter.hit(key, later, MINUTE)).isEqualTo(new Attempts(1, later, later.plus(MINUTE)));
    }

    @Test
    void peekCountsNothingAndUnknownKeysHaveNoWindow() {
        AttemptKey key = freshKey();
        assertThat(limiter.peek(key, NOW)).isEmpty();
        limiter.hit(key, NOW, MINUTE);
        limiter.peek(key, NOW);
        limiter.peek(key, NOW);
        assertThat(limiter.peek(key, NOW)).get().extracting(Attempts::count).isEqualTo(1);
    }

    @Test
    void keysCountSeparately() {
        AttemptKey a = AttemptKey.of("ip.sign_in", "192.0.2." + UUID.randomUUID().hashCode());
        AttemptKey b = AttemptKey.of("ip.register", a.hex()); // another limit, another key
        limiter.hit(a, NOW, MINUTE);
        limiter.hit(a, NOW, MINUTE);
        assertThat(limiter.hit(b, NOW, MINUTE).count()).isEqualTo(1);
        assertThat(limiter.peek(a, NOW)).get().extracting(Attempts::count).isEqualTo(2);
    }

    @Test
    void resetForgetsTheKeyOnly() {
        AttemptKey key = freshKey();
        AttemptKey other = freshKey();
        limiter.hit(key, NOW, MINUTE);
        limiter.hit(other, NOW, MINUTE);
        limiter.reset(key);
        limiter.reset(freshKey()); // unknown: nothing happens
        assertThat(limiter.peek(key, NOW)).isEmpty();
        assertThat(limiter.hit(key, NOW, MINUTE).count()).isEqualTo(1);
        assertThat(limiter.peek(other, NOW)).isPresent();
    }

    @Test
    void endedWindowsAreDeletedAndLiveOnesKept() {
        AttemptKey ended = freshKey();
        AttemptKey live = freshKey();
        limiter.hit(ended, NOW.minus(MINUTE), MINUTE); // ends exactly at NOW
        limiter.hit(live, NOW, MINUTE);

        assertThat(limiter.deleteExpired(NOW)).isGreaterThanOrEqualTo(1);

        // Looked at from before its end, a kept row would still show: it must be gone.
        assertThat(limiter.peek(ended, NOW.minus(MINUTE))).isEmpty();
        assertThat(limiter.peek(live, NOW)).get().extracting(Attempts::count).isEqualTo(1);
        assertThat(limiter.deleteExpired(NOW)).as("nothing left to delete for this instant").isZero();
    }

    @Test
    void concurrentHitsAreEachCountedOnce() throws InterruptedException {
        AttemptKey key = freshKey();
        List<List<Integer>> counts = Concurrently.run(THREADS, i -> () -> IntStream.range(0, HITS_PER_THREAD)
                .mapToObj(n -> limiter.hit(key, NOW.plusMillis(n), MINUTE).count()).toList());

        int total = THREADS * HITS_PER_THREAD;
        // Every hit saw its own count: the counts seen are exactly 1..total, none twice, none lost.
        assertThat(counts.stream().flatMap(List::stream).sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, total).boxed().toList());
        assertThat(limiter.peek(key, NOW)).get().extracting(Attempts::count).isEqualTo(total);
    }

    @Test
    void twoNodesShareTheirCounters() throws InterruptedException {
        AttemptLimiter other = secondNode();
        AttemptKey key = freshKey();
        List<List<Integer>> counts = Concurrently.run(THREADS, i -> () -> IntStream.range(0, HITS_PER_THREAD)
                .mapToObj(n -> (i % 2 == 0 ? limiter : other).hit(key, NOW, MINUTE).count()).toList());

        int total = THREADS * HITS_PER_THREAD;
        assertThat(counts.stream().flatMap(List::stream).sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, total).boxed().toList());
        assertThat(other.peek(key, NOW)).get().extracting(Attempts::count).isEqualTo(total);
        limiter.reset(key);
        assertThat(other.peek(key, NOW)).as("a reset on one node is seen by the other").isEmpty();
    }

    @Test
    void attemptKeysHideTheirSubject() {
        AttemptKey key = AttemptKey.of("ip.sign_in", "203.0.113.7");
        assertThat(key.hex()).hasSize(64).doesNotContain("203").isEqualTo(AttemptKey.of("ip.sign_in", "203.0.113.7").hex());
        assertThat(key).isNotEqualTo(AttemptKey.of("ip.register", "203.0.113.7"));
    }
}
