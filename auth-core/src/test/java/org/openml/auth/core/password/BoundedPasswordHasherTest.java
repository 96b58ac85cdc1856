package org.openml.auth.core.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.error.BusyException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.out.PasswordHasher;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BoundedPasswordHasherTest {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(7);
    private static final RawPassword PASSWORD = new RawPassword("correct horse battery staple");
    private static final PasswordHash HASH = new PasswordHash("$fake$hash");

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final GatedHasher delegate = new GatedHasher();

    @AfterEach
    void tearDown() throws InterruptedException {
        delegate.openGate();
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void oneThreadAndAQueueOfOneRefuseTheThirdConcurrentCallWithRetryAfter() throws Exception {
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 1, RETRY_AFTER)) {
            Future<Boolean> first = callers.submit(() -> bounded.verify(PASSWORD, HASH));
            delegate.awaitRunning(1);
            Future<Boolean> second = callers.submit(() -> bounded.verify(PASSWORD, HASH));
            awaitQueued(bounded, 1);
            assertThat(bounded.running()).isEqualTo(1);

            assertThatThrownBy(() -> bounded.verify(PASSWORD, HASH))
                    .isInstanceOfSatisfying(BusyException.class, busy -> {
                        assertThat(busy.retryAfter()).isEqualTo(RETRY_AFTER);
                        assertThat(busy.code()).isEqualTo(ErrorCode.BUSY);
                    });
            assertThatThrownBy(() -> bounded.hash(PASSWORD)).isInstanceOf(BusyException.class);

            delegate.openGate();
            assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(delegate.calls.get()).isEqualTo(2); // the refused calls never reached the delegate
            assertThat(bounded.queued()).isZero();
        }
    }

    @Test
    void checkCapacityRefusesOnlyWhileThreadsAndQueueAreFull() throws Exception {
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 1, RETRY_AFTER)) {
            bounded.checkCapacity(); // idle
            Future<Boolean> first = callers.submit(() -> bounded.verify(PASSWORD, HASH));
            delegate.awaitRunning(1);
            bounded.checkCapacity(); // the thread is busy, but the queue has room
            Future<Boolean> second = callers.submit(() -> bounded.verify(PASSWORD, HASH));
            awaitQueued(bounded, 1);

            assertThatThrownBy(bounded::checkCapacity).isInstanceOfSatisfying(BusyException.class,
                    busy -> assertThat(busy.retryAfter()).isEqualTo(RETRY_AFTER));

            delegate.openGate();
            assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (bounded.running() > 0 && System.nanoTime() < deadline) Thread.onSpinWait();
            bounded.checkCapacity(); // free again
            assertThat(delegate.calls.get()).as("checking capacity does no work").isEqualTo(2);
        }
    }

    @Test
    void aQueueOfZeroRefusesAsSoonAsAllThreadsAreBusy() throws Exception {
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 0, RETRY_AFTER)) {
            Future<Boolean> first = callers.submit(() -> bounded.verify(PASSWORD, HASH));
            delegate.awaitRunning(1);
            assertThatThrownBy(() -> bounded.verify(PASSWORD, HASH)).isInstanceOf(BusyException.class);
            delegate.openGate();
            assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aCallersNextHashIsNeverRefusedBecauseItsLastOneJustFinished() {
        // Unknown logins pay a dummy hash and then a verify, back to back on one request thread: with
        // one thread and no queue, the second call used to meet the worker still finishing the first.
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 0, RETRY_AFTER)) {
            delegate.openGate();
            for (int i = 0; i < 2_000; i++) {
                assertThat(bounded.verify(PASSWORD, HASH)).isTrue();
            }
        }
    }

    @Test
    void capacityFreesUpOnceWorkFinishes() throws Exception {
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 1, RETRY_AFTER)) {
            delegate.openGate();
            for (int i = 0; i < 20; i++) {
                assertThat(bounded.verify(PASSWORD, HASH)).isTrue();
            }
            assertThat(bounded.hash(PASSWORD)).isEqualTo(GatedHasher.RESULT);
        }
    }

    @Test
    void resultsOfTheDelegateComeBackUnchanged() {
        delegate.openGate();
        delegate.verifyAnswer = false;
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 2, 4, RETRY_AFTER)) {
            assertThat(bounded.hash(PASSWORD)).isEqualTo(GatedHasher.RESULT);
            assertThat(bounded.verify(PASSWORD, HASH)).isFalse();
            delegate.verifyAnswer = true;
            assertThat(bounded.verify(PASSWORD, HASH)).isTrue();
        }
    }

    @Test
    void runtimeExceptionsAndErrorsOfTheDelegatePropagateAsThemselves() {
        delegate.openGate();
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 1, RETRY_AFTER)) {
            IllegalStateException failure = new IllegalStateException("native library missing");
            delegate.failWith = failure;
            assertThatThrownBy(() -> bounded.verify(PASSWORD, HASH)).isSameAs(failure);
            assertThatThrownBy(() -> bounded.hash(PASSWORD)).isSameAs(failure);

            OutOfMemoryError error = new OutOfMemoryError("test");
            delegate.failWith = error;
            assertThatThrownBy(() -> bounded.verify(PASSWORD, HASH)).isSameAs(error);

            delegate.failWith = null;
            assertThat(bounded.verify(PASSWORD, HASH)).isTrue(); // the pool survives a failure
        }
    }

    @Test
    void needsRehashDoesNotQueueEvenWhenThePoolIsFull() throws Exception {
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 0, RETRY_AFTER)) {
            Future<Boolean> first = callers.submit(() -> bounded.verify(PASSWORD, HASH));
            delegate.awaitRunning(1);
            assertThat(bounded.needsRehash(HASH)).isTrue();
            delegate.openGate();
            first.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anInterruptedCallerGetsBusyAndKeepsItsInterruptFlag() throws Exception {
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 1, RETRY_AFTER)) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    bounded.verify(PASSWORD, HASH);
                    outcome.complete("returned");
                } catch (RuntimeException e) {
                    outcome.complete(List.of(e, Thread.currentThread().isInterrupted()));
                }
            });
            caller.start();
            delegate.awaitRunning(1);
            caller.interrupt();
            Object result = outcome.get(10, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(List.class);
            assertThat(((List<?>) result).get(0)).isInstanceOf(BusyException.class);
            assertThat(((List<?>) result).get(1)).isEqualTo(true);
        }
    }

    @Test
    void closeStopsThePoolThreads() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 3, 3, RETRY_AFTER);
        List<Future<Boolean>> pending = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) pending.add(callers.submit(() -> bounded.verify(PASSWORD, HASH)));
        delegate.awaitRunning(3);
        assertThat(delegate.threads).hasSize(3).allMatch(t -> t.isDaemon() && t.getName().startsWith("password-hasher-"));

        bounded.close(); // interrupts the running hashes
        for (Thread worker : delegate.threads) {
            worker.join(10_000);
            assertThat(worker.isAlive()).as(worker.getName()).isFalse();
        }
        int callsBefore = delegate.calls.get();
        assertThatThrownBy(() -> bounded.verify(PASSWORD, HASH)).isInstanceOf(RuntimeException.class);
        assertThat(delegate.calls.get()).isEqualTo(callsBefore); // nothing runs after close
    }

    @Test
    void refusesNonsenseSizes() {
        assertThatThrownBy(() -> new BoundedPasswordHasher(delegate, 0, 1, RETRY_AFTER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedPasswordHasher(delegate, 1, -1, RETRY_AFTER)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitQueued(BoundedPasswordHasher bounded, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bounded.queued() < expected) {
            if (System.nanoTime() > deadline) throw new AssertionError("nothing queued");
            Thread.sleep(5);
        }
    }

    /** A delegate whose hashing blocks until the test opens the gate: a slow Argon2 on demand. */
    private static final class GatedHasher implements PasswordHasher {
        static final PasswordHash RESULT = new PasswordHash("$fake$result");

        private final CountDownLatch gate = new CountDownLatch(1);
        private final Semaphore running = new Semaphore(0);
        final AtomicInteger calls = new AtomicInteger();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        volatile boolean verifyAnswer = true;
        volatile Throwable failWith;

        void openGate() {
            gate.countDown();
        }

        void awaitRunning(int count) throws InterruptedException {
            if (!running.tryAcquire(count, 10, TimeUnit.SECONDS)) throw new AssertionError("delegate not called");
        }

        private void work() {
            calls.incrementAndGet();
            threads.add(Thread.currentThread());
            running.release();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Throwable failure = failWith;
            if (failure instanceof RuntimeException re) throw re;
            if (failure instanceof Error err) throw err;
        }

        @Override
        public PasswordHash hash(RawPassword password) {
            work();
            return RESULT;
        }

        @Override
        public boolean verify(RawPassword password, PasswordHash hash) {
            work();
            return verifyAnswer;
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return true;
        }
    }
}
