package org.openml.auth.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.password.BoundedPasswordHasher;
import org.openml.auth.core.port.out.AuthMetrics;

/**
 * The core's {@link AuthMetrics} on a Micrometer {@link MeterRegistry}: the entry point of this
 * module. {@code AuthServices.builder().metrics(MicrometerAuthMetrics.of(registry))}.
 *
 * <p>Meters (Prometheus names): {@code openml_auth_sign_ins_total{method,outcome}},
 * {@code openml_auth_rate_limited_total{limit}}, {@code openml_auth_mail_failures_total{given_up}},
 * and with {@link #bindHasher} {@code openml_auth_hashing_running}, {@code _queued},
 * {@code _refused_total}, {@code _completed_total}, {@code _waited_seconds_total}. Labels hold fixed
 * words only: never an address, a login, a key or a token.
 */
public final class MicrometerAuthMetrics implements AuthMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private MicrometerAuthMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts into {@code registry}. */
    public static MicrometerAuthMetrics of(MeterRegistry registry) {
        return new MicrometerAuthMetrics(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void signIn(AuditEvent.Method method, SignInOutcome outcome) {
        counter("openml.auth.sign.ins", "Sign-in attempts by method and outcome", "method", method.code(), "outcome", word(outcome))
                .increment();
    }

    @Override
    public void rateLimited(String limit) {
        counter("openml.auth.rate.limited", "Requests refused by a rate limit", "limit", limit, null, null).increment();
    }

    @Override
    public void mailFailed(boolean givenUp) {
        counter("openml.auth.mail.failures", "Mails SMTP did not take (retried, or given up)", "given_up",
                Boolean.toString(givenUp), null, null).increment();
    }

    /** Meters for the hashing pool: running, queued, refused ("busy"), completed and the time waited for a thread. */
    public MicrometerAuthMetrics bindHasher(BoundedPasswordHasher hasher) {
        Objects.requireNonNull(hasher, "hasher");
        Gauge.builder("openml.auth.hashing.running", hasher, BoundedPasswordHasher::running)
                .description("Password hashes running now").register(registry);
        Gauge.builder("openml.auth.hashing.queued", hasher, BoundedPasswordHasher::queued)
                .description("Password hashes waiting for a thread now").register(registry);
        FunctionCounter.builder("openml.auth.hashing.refused", hasher, BoundedPasswordHasher::refused)
                .description("Hashes refused because the pool and its queue were full (HTTP 503 busy)").register(registry);
        FunctionCounter.builder("openml.auth.hashing.completed", hasher, BoundedPasswordHasher::completed)
                .description("Hashes that ran").register(registry);
        FunctionCounter.builder("openml.auth.hashing.waited", hasher, h -> h.waitedNanos() / (double) TimeUnit.SECONDS.toNanos(1))
                .baseUnit("seconds").description("Time hashes waited for a thread, in total").register(registry);
        return this;
    }

    private Counter counter(String name, String description, String k1, String v1, String k2, String v2) {
        String key = name + '|' + v1 + '|' + v2;
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder b = Counter.builder(name).description(description).tag(k1, v1);
            if (k2 != null) b.tag(k2, v2);
            return b.register(registry);
        });
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
