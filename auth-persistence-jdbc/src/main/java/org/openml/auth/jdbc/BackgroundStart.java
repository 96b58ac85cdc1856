package org.openml.auth.jdbc;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the schema on a daemon thread, retrying with a doubling delay until it succeeds or the
 * stores are closed, so a server can start (and answer its health check) while its database is down.
 */
final class BackgroundStart {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundStart.class);

    private final String database;
    private final Runnable prepare;
    private final Consumer<String> onFailure;
    private final BooleanSupplier closed;
    private final Duration maxDelay;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "openml-auth-db-start");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param prepare   one attempt; throws when the database is not usable yet
     * @param onFailure told the reason of each failed attempt (the stores answer it until ready)
     * @param closed    whether the stores were closed meanwhile (then it stops)
     */
    private BackgroundStart(String database, Runnable prepare, Consumer<String> onFailure, BooleanSupplier closed,
            Duration maxDelay) {
        this.database = database;
        this.prepare = prepare;
        this.onFailure = onFailure;
        this.closed = closed;
        this.maxDelay = maxDelay;
    }

    /** Starts the first attempt now; {@link #stop()} ends the retries. */
    static BackgroundStart begin(String database, Runnable prepare, Consumer<String> onFailure, BooleanSupplier closed,
            Duration firstDelay, Duration maxDelay) {
        BackgroundStart start = new BackgroundStart(database, prepare, onFailure, closed, maxDelay);
        start.thread.execute(() -> start.attempt(1, firstDelay));
        return start;
    }

    void stop() {
        thread.shutdownNow();
    }

    private void attempt(int number, Duration delay) {
        if (closed.getAsBoolean()) return;
        try {
            prepare.run();
            if (number > 1) LOG.info("{}: ready after {} attempts", database, number);
            thread.shutdown();
        } catch (RuntimeException e) {
            if (closed.getAsBoolean()) return;
            onFailure.accept(e.getMessage());
            LOG.warn("{} is not usable yet (attempt {}): {}. Retrying in {} ms; until then /ready answers 503 and"
                    + " requests that need the database fail with 503.", database, number, e.getMessage(),
                    delay.toMillis());
            Duration next = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            try {
                thread.schedule(() -> attempt(number + 1, next), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // stop() ran meanwhile: nothing left to start.
            }
        }
    }
}
