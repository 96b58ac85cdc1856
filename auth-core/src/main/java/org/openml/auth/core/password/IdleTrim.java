package org.openml.auth.core.password;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Gives back to the system the memory glibc keeps after Argon2 runs, once hashing pauses. Each
 * hash allocates its 16 MiB working memory (m=16384) in native code; glibc raises its mmap
 * threshold after the first such block is freed, so later blocks come from per-thread arenas and
 * stay in the process when freed: about 33 MiB per hashing thread, a third of the resident memory
 * after a burst of sign-ins ({@code docs/benchmarks.md}). {@code malloc_trim(0)} returns it; it
 * runs on its own thread a second after the last hash of a burst, never while hashing goes on,
 * so no sign-in waits for it. Where there is no glibc (or no JNA), it does nothing.
 */
final class IdleTrim implements AutoCloseable {
    /** How long hashing must pause before a trim: a burst keeps its arenas, a pause returns them. */
    static final long DELAY_MILLIS = 1000;

    private final Runnable trim;
    private final BooleanSupplier idle;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;

    IdleTrim(Runnable trim, BooleanSupplier idle) {
        this.trim = trim;
        this.idle = idle;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "password-hasher-trim");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * glibc's {@code malloc_trim(0)} through JNA, or nothing. JNA comes with argon2-jvm at run time
     * only, so it is reached by reflection; a failure switches trimming off for good.
     */
    static Runnable mallocTrim() {
        try {
            Class<?> functionClass = Class.forName("com.sun.jna.Function");
            Object function = functionClass.getMethod("getFunction", String.class, String.class).invoke(null, "c", "malloc_trim");
            java.lang.reflect.Method invokeInt = functionClass.getMethod("invokeInt", Object[].class);
            AtomicBoolean broken = new AtomicBoolean();
            return () -> {
                if (broken.get()) return;
                try {
                    invokeInt.invoke(function, (Object) new Object[] {0});
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    broken.set(true);
                }
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notGlibc) {
            return () -> {};
        }
    }

    /**
     * Called after each hash. The pool may still count this hash's thread as busy, so the idle
     * check waits for the delay: a check that finds hashing going on looks again a moment later,
     * until the pool is idle, then trims once.
     */
    void hashed() {
        if (scheduled.compareAndSet(false, true)) schedule();
    }

    private void schedule() {
        try {
            timer.schedule(this::check, DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            scheduled.set(false);
        }
    }

    private void check() {
        if (!idle.getAsBoolean()) {
            schedule();
            return;
        }
        scheduled.set(false);
        trim.run();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
