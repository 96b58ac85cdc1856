package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The statistic on synthetic samples: what it must catch and the noise it must ride out. */
class TimingComparisonTest {
    static final long MS = 1_000_000;

    static long[] samples(int n, LongSupplier next) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) s[i] = next.getAsLong();
        return s;
    }

    @Test
    void aSkippedHashIsCaught() {
        Random r = new Random(1);
        long[] hashed = samples(30, () -> 60 * MS + (long) (r.nextGaussian() * 8 * MS));
        long[] skipped = samples(30, () -> 2 * MS + (long) (Math.abs(r.nextGaussian()) * MS));

        TimingComparison c = TimingComparison.of(skipped, hashed);

        assertThat(c.distinguishable()).isTrue();
        assertThat(c.effect()).isEqualTo(1.0);
        assertThat(TimingComparison.of(hashed, skipped).distinguishable()).as("either way round").isTrue();
    }

    @Test
    void theSameWorkUnderHeavyNoiseIsNotADifference() {
        // A busy shared machine: wide jitter and one sample in five stalled by up to 400 ms, in both sets.
        for (long seed = 0; seed < 200; seed++) {
            Random r = new Random(seed);
            LongSupplier busy = () -> 60 * MS + (long) (Math.abs(r.nextGaussian()) * 20 * MS)
                    + (r.nextInt(5) == 0 ? (long) (r.nextDouble() * 400 * MS) : 0);
            TimingComparison c = TimingComparison.of(samples(30, busy), samples(30, busy));
            assertThat(c.distinguishable()).as("seed " + seed + ": " + c).isFalse();
        }
    }

    @Test
    void stallsInOneSetAloneDoNotMakeALeak() {
        Random r = new Random(7);
        long[] calm = samples(30, () -> 60 * MS + (long) (r.nextGaussian() * 5 * MS));
        long[] stalled = calm.clone();
        for (int i = 0; i < 8; i++) stalled[i * 3] += 500 * MS; // a quarter of one set hit by a garbage collection

        assertThat(TimingComparison.of(stalled, calm).distinguishable()).isFalse();
    }

    @Test
    void bothMeasuresMustAgree() {
        // Every sample of one set 10 % slower: the ranks separate, the medians barely: no leak declared.
        long[] a = samples(30, new java.util.concurrent.atomic.AtomicLong(60 * MS)::getAndIncrement);
        long[] b = a.clone();
        for (int i = 0; i < b.length; i++) b[i] = b[i] * 11 / 10;
        TimingComparison c = TimingComparison.of(a, b);
        assertThat(c.effect()).isEqualTo(1.0);
        assertThat(c.distinguishable()).isFalse();
    }

    @Test
    void mannWhitneyEffectAndMedianAreRight() {
        assertThat(TimingComparison.probabilityFirstIsFaster(new long[] {1, 2, 3}, new long[] {2, 2, 2})).isEqualTo(0.5);
        assertThat(TimingComparison.probabilityFirstIsFaster(new long[] {1, 1}, new long[] {2, 3})).isEqualTo(1.0);
        assertThat(TimingComparison.median(new long[] {5, 1, 3})).isEqualTo(3.0);
        assertThat(TimingComparison.median(new long[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThatThrownBy(() -> TimingComparison.of(new long[] {1}, new long[] {1, 2, 3, 4, 5}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
