package org.openml.auth.core.password;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.error.BusyException;
import org.openml.auth.core.port.out.PasswordHasher;

/**
 * Runs another hasher on a fixed pool with a bounded queue. Each Argon2 hash takes 16 MiB and a
 * core for tens of milliseconds, so a burst of sign-ins must wait in a short queue or be told
 * to come back ({@link BusyException}), never pile up memory and threads.
 */
public final class BoundedPasswordHasher implements PasswordHasher, AutoCloseable {

    private final PasswordHasher delegate;
    private final ThreadPoolExecutor pool;
    private final Semaphore admission;
    private final Duration retryAfter;
    private final IdleTrim trim;

    /**
     * @param threads concurrent hashes (the number of cores is right for CPU-bound work)
     * @param queueCapacity hashes that may wait; more are refused with {@link BusyException}
     */
    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueCapacity, Duration retryAfter) {
        if (threads < 1 || queueCapacity < 0) throw new IllegalArgumentException("threads ≥ 1, queue ≥ 0");
        this.delegate = delegate;
        this.retryAfter = retryAfter;
        AtomicInteger counter = new AtomicInteger();
        // Admission is the semaphore's job: a permit per thread and per queue place, taken before
        // submitting and given back by the caller once its answer is in. A rejecting executor queue
        // would instead refuse a caller's second hash (a dummy hash, then its verify) whenever the
        // worker that ran the first had not yet gone back to waiting for work.
        this.admission = new Semaphore(threads + queueCapacity);
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "password-hasher-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        this.trim = new IdleTrim(IdleTrim.mallocTrim(), () -> pool.getActiveCount() == 0 && pool.getQueue().isEmpty());
    }

    @Override
    public PasswordHash hash(RawPassword password) {
        return run(() -> delegate.hash(password));
    }

    @Override
    public boolean verify(RawPassword password, PasswordHash hash) {
        return run(() -> delegate.verify(password, hash));
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return delegate.needsRehash(hash); // string inspection only: no need to queue
    }

    @Override
    public void checkCapacity() {
        if (admission.availablePermits() == 0) {
            refused.increment();
            throw new BusyException(retryAfter);
        }
    }

    /** Hashes waiting for a thread right now (for metrics). */
    public int queued() {
        return pool.getQueue().size();
    }

    /** Hashes running right now (for metrics). */
    public int running() {
        return pool.getActiveCount();
    }

    /** Hashes refused so far because the pool and its queue were full ("busy"), for metrics. */
    public long refused() {
        return refused.sum();
    }

    /** Hashes that ran so far, and the time they waited for a thread in total (for metrics). */
    public long completed() {
        return completed.sum();
    }

    /** The time hashes waited for a thread before running, in total (nanoseconds), for metrics. */
    public long waitedNanos() {
        return waitedNanos.sum();
    }

    private final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder completed = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder waitedNanos = new java.util.concurrent.atomic.LongAdder();

    private <T> T run(Callable<T> work) {
        if (!admission.tryAcquire()) {
            refused.increment();
            throw new BusyException(retryAfter);
        }
        Future<T> future;
        long submitted = System.nanoTime();
        try {
            future = pool.submit(() -> {
                waitedNanos.add(System.nanoTime() - submitted);
                completed.increment();
                return work.call();
            });
        } catch (RejectedExecutionException e) {
            admission.release();
            throw new BusyException(retryAfter); // only after close()
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BusyException(retryAfter);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            admission.release();
            trim.hashed();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        trim.close();
    }
}
