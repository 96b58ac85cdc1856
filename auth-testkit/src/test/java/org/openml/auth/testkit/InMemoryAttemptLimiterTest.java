package org.openml.auth.testkit;

import org.openml.auth.core.port.out.AttemptLimiter;
import org.openml.auth.testkit.contract.AttemptLimiterContract;

class InMemoryAttemptLimiterTest extends AttemptLimiterContract {
    @Override
    protected AttemptLimiter newLimiter() {
        return new InMemoryAttemptLimiter();
    }
}
