package org.openml.auth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.password.BoundedPasswordHasher;
import org.openml.auth.core.port.out.AuthMetrics.SignInOutcome;
import org.openml.auth.core.port.out.PasswordHasher;

class MicrometerAuthMetricsTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MicrometerAuthMetrics metrics = MicrometerAuthMetrics.of(registry);

    @Test
    void signInsAreCountedByMethodAndOutcome() {
        metrics.signIn(AuditEvent.Method.PASSWORD, SignInOutcome.SUCCESS);
        metrics.signIn(AuditEvent.Method.PASSWORD, SignInOutcome.SUCCESS);
        metrics.signIn(AuditEvent.Method.PASSKEY, SignInOutcome.FAILURE);
        metrics.rateLimited("register");
        metrics.mailFailed(false);

        assertThat(registry.get("openml.auth.sign.ins").tags("method", "password", "outcome", "success").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("openml.auth.sign.ins").tags("method", "passkey", "outcome", "failure").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("openml.auth.rate.limited").tags("limit", "register").counter().count()).isEqualTo(1);
        assertThat(registry.get("openml.auth.mail.failures").tags("given_up", "false").counter().count()).isEqualTo(1);
    }

    @Test
    void theHashingPoolIsMetered() {
        PasswordHasher slow = new PasswordHasher() {
            @Override
            public PasswordHash hash(RawPassword password) {
                return new PasswordHash("x");
            }

            @Override
            public boolean verify(RawPassword password, PasswordHash hash) {
                return true;
            }

            @Override
            public boolean needsRehash(PasswordHash hash) {
                return false;
            }
        };
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(slow, 1, 0, Duration.ofSeconds(1))) {
            metrics.bindHasher(hasher);
            hasher.hash(new RawPassword("correct horse"));
            hasher.verify(new RawPassword("correct horse"), new PasswordHash("x"));

            assertThat(registry.get("openml.auth.hashing.completed").functionCounter().count()).isEqualTo(2);
            assertThat(registry.get("openml.auth.hashing.refused").functionCounter().count()).isZero();
            // The pool counts a worker active until its bookkeeping after the task, which may lag the answer a little.
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (registry.get("openml.auth.hashing.running").gauge().value() != 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(registry.get("openml.auth.hashing.running").gauge().value()).isZero();
        }
    }
}
