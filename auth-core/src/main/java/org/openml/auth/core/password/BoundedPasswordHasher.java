package org.openml.auth.core.password;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
    private final Duration retryAfter;

    /**
     * @param threads concurrent hashes (the number of cores is right for CPU-bound work)
     * @param queueCapacity hashes that may wait; more are refused with {@link BusyException}
     */
    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueCapacity, Duration retryAfter) {
        if (threads < 1 || queueCapacity < 0) throw new IllegalArgumentException("threads ≥ 1, queue ≥ 0");
        this.delegate = delegate;
        this.retryAfter = retryAfter;
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                queueCapacity == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity),
                r -> {
                    Thread t = new Thread(r, "password-hasher-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
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
        // remainingCapacity() is always 0 for a SynchronousQueue (queue 0): then busy means every thread is.
        if (pool.getQueue().remainingCapacity() == 0 && pool.getActiveCount() >= pool.getMaximumPoolSize()) {
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

    private <T> T run(Callable<T> work) {
        Future<T> future;
        try {
            future = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw new BusyException(retryAfter);
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
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
