package org.openml.auth.core.usecase;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How much of each account's security history the audit log keeps: at most {@code keepPerUser}
 * events, none older than {@code retention}. Both are applied to an account each time one of its
 * events is written, so one account cannot grow the log without bound (a stream of failed
 * sign-ins pushes out its own oldest entries, not other accounts').
 */
public record AuditPolicy(int keepPerUser, Duration retention) {

    /** 200 events per account, kept at most 365 days (client addresses are personal data). */
    public static final AuditPolicy DEFAULTS = new AuditPolicy(200, Duration.ofDays(365));

    /** How many refused sign-ins may wait to be written by the default executor. */
    public static final int QUEUE_CAPACITY = 1024;

    public AuditPolicy {
        if (keepPerUser < 1) throw new IllegalArgumentException("keepPerUser must be at least 1");
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) throw new IllegalArgumentException("retention must be positive");
    }

    /** One daemon thread that ends when idle, with a bounded queue: a flood of refusals cannot pile up memory. */
    static Executor defaultExecutor() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, "openml-auth-audit");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
