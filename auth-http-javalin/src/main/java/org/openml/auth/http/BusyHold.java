package org.openml.auth.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds a "busy" answer (503, the hashing queue is full) for half a second before sending it,
 * without keeping a thread. A client that retries at once, ignoring {@code Retry-After}, would
 * otherwise turn a full queue into a loop of refusals that takes the CPU from every other request
 * (measured: session p99 251 ms during a 64-client sign-in flood, against 35 ms when the clients
 * waited). Held, each such client makes two attempts a second, which cost next to nothing.
 *
 * <p>At most {@link #MAX_HELD} answers are held at once; beyond that they go out at once, so the
 * hold itself cannot pile up requests.
 */
final class BusyHold {
    static final Duration HOLD = Duration.ofMillis(500);
    static final int MAX_HELD = 1024;
    private static final Executor AFTER_HOLD = CompletableFuture.delayedExecutor(HOLD.toMillis(), TimeUnit.MILLISECONDS);
    private static final AtomicInteger HELD = new AtomicInteger();

    private BusyHold() {}

    /** Sends {@code answer} after the hold; false (and nothing done) when too many are held already. */
    static boolean hold(Context ctx, Runnable answer) {
        if (HELD.incrementAndGet() > MAX_HELD) {
            HELD.decrementAndGet();
            return false;
        }
        ctx.future(() -> CompletableFuture.runAsync(() -> {
            try {
                answer.run();
            } finally {
                HELD.decrementAndGet();
            }
        }, AFTER_HOLD));
        return true;
    }
}
