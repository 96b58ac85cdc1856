package org.openml.auth.core.usecase;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.Printable;
import org.openml.auth.core.port.out.AuthMetrics;
import org.openml.auth.core.port.out.MailOutbox;
import org.openml.auth.core.port.out.Mailer;

/**
 * The use cases' {@link Mailer} when an outbox is configured: {@link #send} only seals the mail
 * into the {@link MailOutbox} (a durable write, the same cost whatever the mail), and a daemon
 * thread delivers through the real mailer, retrying with back-off. Several nodes may drain one
 * outbox: claims are leased, so each mail goes out once (or, if a node dies between sending and
 * removing, at most again after the lease).
 */
final class MailOutboxSender implements Mailer, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MailOutboxSender.class.getName());
    /** A backlog is reported at most this often. */
    private static final Duration REPORT_EVERY = Duration.ofMinutes(1);

    private final MailOutbox outbox;
    private final Mailer delivery;
    private final MailCodec codec;
    private final Clock clock;
    private final OutboxPolicy policy;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicLong nextReportAt = new AtomicLong();
    private final Object draining = new Object();
    private volatile String lastError = "none";

    private volatile AuthMetrics metrics = AuthMetrics.NONE;

    /** Counts failed deliveries (set once, at assembly). */
    MailOutboxSender withMetrics(AuthMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    MailOutboxSender(MailOutbox outbox, Mailer delivery, MailCodec codec, Clock clock, OutboxPolicy policy) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.codec = codec;
        this.clock = clock;
        this.policy = policy;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "openml-auth-mail-outbox");
            t.setDaemon(true);
            return t;
        });
        long every = policy.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::drainQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues the mail; returns once it is stored.
     *
     * @throws org.openml.auth.core.error.StoreUnavailableException when the outbox cannot be written
     *     (callers treat it as "the mail could not be sent", as a mailer failure)
     */
    @Override
    public void send(Mail mail) {
        outbox.add(codec.encode(mail), clock.instant());
        if (policy.inline()) {
            drainQuietly();
        } else if (wakePending.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    wakePending.set(false);
                    drainQuietly();
                });
            } catch (RejectedExecutionException closed) {
                wakePending.set(false); // stopping: the next start sends it
            }
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            // The outbox itself is unreachable (database down): the next poll tries again.
            LOG.log(Level.WARNING, "mail outbox: could not read the queue: " + Printable.of(e.getMessage(), 300));
        }
    }

    /** Sends every due mail (batch after batch). One drain at a time on this node. */
    void drain() {
        synchronized (draining) {
            List<MailOutbox.Queued> batch;
            do {
                batch = outbox.claimDue(clock.instant(), OutboxPolicy.LEASE, OutboxPolicy.BATCH);
                for (MailOutbox.Queued queued : batch) deliver(queued);
            } while (batch.size() == OutboxPolicy.BATCH);
            reportBacklog();
        }
    }

    private void deliver(MailOutbox.Queued queued) {
        Instant now = clock.instant();
        Optional<Mail> mail = codec.decode(queued.payload());
        if (mail.isEmpty()) {
            // Sealed under a secret this node does not have (NEXTAUTH_SECRET changed without _PREVIOUS).
            LOG.log(Level.ERROR, "mail outbox: mail {0} (queued {1}) cannot be opened with NEXTAUTH_SECRET or"
                    + " NEXTAUTH_SECRET_PREVIOUS; it was dropped", queued.id(), queued.createdAt());
            outbox.remove(queued.id());
            return;
        }
        try {
            delivery.send(mail.get());
            outbox.remove(queued.id());
            if (queued.attempts() > 0) {
                LOG.log(Level.INFO, "mail outbox: sent mail {0} to {1} after {2} failed attempts", queued.id(),
                        mail.get().to().masked(), queued.attempts());
            }
        } catch (RuntimeException e) {
            // MailException from SMTP, or anything else a mailer throws: the mail stays queued either way.
            int failures = queued.attempts() + 1;
            lastError = Printable.of(e.getMessage(), 200);
            if (!now.isBefore(queued.createdAt().plus(policy.giveUpAfter()))) {
                metrics.mailFailed(true);
                LOG.log(Level.ERROR, "mail outbox: gave up on mail {0} to {1} after {2} attempts since {3}: {4}", queued.id(),
                        mail.get().to().masked(), failures, queued.createdAt(), lastError);
                outbox.remove(queued.id());
                return;
            }
            metrics.mailFailed(false);
            Duration wait = policy.retryAfter(failures);
            outbox.retryLater(queued.id(), failures, now.plus(wait), lastError);
            LOG.log(Level.WARNING, "mail outbox: mail {0} to {1} failed (attempt {2}), retrying in {3} s: {4}", queued.id(),
                    mail.get().to().masked(), failures, wait.toSeconds(), lastError);
        }
    }

    private void reportBacklog() {
        Instant now = clock.instant();
        long due = nextReportAt.get();
        if (now.toEpochMilli() < due) return;
        MailOutbox.Backlog backlog = outbox.backlog();
        Duration age = backlog.oldestAge(now);
        if (age.compareTo(policy.warnAfter()) < 0) return;
        if (!nextReportAt.compareAndSet(due, now.plus(REPORT_EVERY).toEpochMilli())) return;
        LOG.log(Level.WARNING, "mail outbox: {0} mail(s) waiting, the oldest for {1} min; last error: {2}", backlog.count(),
                age.toMinutes(), lastError);
    }

    /** Stops the background thread; queued mails stay in the outbox for the next start. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
