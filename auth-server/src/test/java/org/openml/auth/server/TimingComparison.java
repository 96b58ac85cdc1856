package org.openml.auth.server;

import java.util.Arrays;

/**
 * Whether two sets of response times tell their requests apart, in a way that holds on a busy
 * two-core CI machine. Two robust measures, both of which must show a difference before a leak is
 * declared:
 *
 * <ul>
 *   <li>the ratio of the medians (stalls of a few samples move a median little), beyond
 *       {@link #MAX_MEDIAN_RATIO} either way;
 *   <li>the Mann-Whitney effect size, the probability that a sample of one set is faster than one
 *       of the other (0.5: no difference; 0 or 1: every sample of one set is faster), further than
 *       {@link #MAX_EFFECT_DISTANCE} from 0.5.
 * </ul>
 *
 * <p>An account check that skips the password hash answers unknown users in a few milliseconds
 * against tens for a hash: ratio above 10, effect 0 or 1. Noise on a shared machine moves both
 * measures far less (effect size: ±0.08 standard deviation at 30 samples each).
 */
record TimingComparison(double medianRatio, double effect, boolean distinguishable) {
    static final double MAX_MEDIAN_RATIO = 1.5;
    static final double MAX_EFFECT_DISTANCE = 0.3;

    static TimingComparison of(long[] a, long[] b) {
        if (a.length < 5 || b.length < 5) throw new IllegalArgumentException("at least 5 samples each");
        double ratio = median(a) / median(b);
        double effect = probabilityFirstIsFaster(a, b);
        boolean medians = ratio > MAX_MEDIAN_RATIO || ratio < 1 / MAX_MEDIAN_RATIO;
        boolean ranks = Math.abs(effect - 0.5) > MAX_EFFECT_DISTANCE;
        return new TimingComparison(ratio, effect, medians && ranks);
    }

    static double median(long[] samples) {
        long[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    /** The Mann-Whitney U of {@code a} over {@code a.length * b.length}: P(a &lt; b) + ½ P(a = b). */
    static double probabilityFirstIsFaster(long[] a, long[] b) {
        double wins = 0;
        for (long x : a) {
            for (long y : b) {
                if (x < y) wins += 1;
                else if (x == y) wins += 0.5;
            }
        }
        return wins / ((double) a.length * b.length);
    }

    @Override
    public String toString() {
        return String.format("median ratio %.2f, P(first faster) %.2f%s", medianRatio, effect, distinguishable ? " — DISTINGUISHABLE" : "");
    }
}
