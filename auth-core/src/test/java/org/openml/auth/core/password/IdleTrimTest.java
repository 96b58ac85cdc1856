package org.openml.auth.core.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdleTrimTest {

    @Test
    void trimsOnceAfterABurstAndNeverWhileHashingGoesOn() throws Exception {
        AtomicInteger trims = new AtomicInteger();
        AtomicBoolean idle = new AtomicBoolean(false);
        try (IdleTrim trim = new IdleTrim(trims::incrementAndGet, idle::get)) {
            trim.hashed();
            trim.hashed(); // coalesced with the one before
            Thread.sleep(IdleTrim.DELAY_MILLIS + 1500);
            assertThat(trims).as("hashing goes on: no trim").hasValue(0);

            idle.set(true);
            Thread.sleep(IdleTrim.DELAY_MILLIS + 1500);
            assertThat(trims).as("the pending check trims once the pool is idle").hasValue(1);
            Thread.sleep(IdleTrim.DELAY_MILLIS + 500);
            assertThat(trims).as("and only once").hasValue(1);
        }
    }
}
