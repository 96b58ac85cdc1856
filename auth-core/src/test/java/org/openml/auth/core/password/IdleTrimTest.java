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
            trim.hashed(); // busy: nothing scheduled
            idle.set(true);
            trim.hashed();
            trim.hashed(); // coalesced with the one before
            Thread.sleep(IdleTrim.DELAY_MILLIS + 1500);
            assertThat(trims).hasValue(1);

            trim.hashed();
            idle.set(false); // hashing started again before the delay ended
            Thread.sleep(IdleTrim.DELAY_MILLIS + 1500);
            assertThat(trims).hasValue(1);
        }
    }

    @Test
    void glibcsTrimRunsHereOrIsANoOpElsewhere() {
        Runnable trim = IdleTrim.mallocTrim();
        trim.run();
        trim.run();
    }
}
