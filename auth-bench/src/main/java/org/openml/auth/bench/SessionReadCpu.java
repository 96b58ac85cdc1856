package org.openml.auth.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Thread CPU time per {@code Sessions.read} for each {@link SessionReadBenchmark} store variant:
 * robust on a shared machine, where JMH's wall-clock averages are not.
 * {@code java -cp auth-bench/target/benchmarks.jar org.openml.auth.bench.SessionReadCpu 20000}
 */
public final class SessionReadCpu {
    private SessionReadCpu() {}

    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int n = Integer.parseInt(args[0]);
        for (int round = 0; round < 3; round++) {
            for (String store : new String[] {"none", "memory", "sqlite-no-row", "sqlite-row", "sqlite-devices"}) {
                SessionReadBenchmark b = new SessionReadBenchmark();
                b.store = store;
                b.setUp();
                for (int i = 0; i < n; i++) b.read(); // warm-up
                long cpu = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) b.read();
                double us = (mx.getCurrentThreadCpuTime() - cpu) / 1000.0 / n;
                b.tearDown();
                System.out.printf("round %d %-14s %7.1f us CPU/read%n", round, store, us);
            }
        }
    }
}
