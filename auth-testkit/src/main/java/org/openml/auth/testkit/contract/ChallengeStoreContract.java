package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.port.out.ChallengeStore;

/** What every {@link ChallengeStore} must do. Extend it once per implementation. */
public abstract class ChallengeStoreContract {
    protected static final int THREADS = 8;
    static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123Z");

    private final Samples samples = new Samples();
    private ChallengeStore store;

    /** A fresh, empty store; called once before each test. */
    protected abstract ChallengeStore newStore();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void aChallengeIsTakenOnce() {
        TokenHash key = samples.tokenHash();
        store.put(key, "webauthn.authentication", "{\"challenge\":\"abc\"}", NOW.plus(Duration.ofMinutes(5)));

        assertThat(store.take(key, "webauthn.authentication", NOW)).contains("{\"challenge\":\"abc\"}");
        assertThat(store.take(key, "webauthn.authentication", NOW)).isEmpty();
    }

    @Test
    void anExpiredChallengeIsNotReturnedAndIsGone() {
        TokenHash key = samples.tokenHash();
        store.put(key, "oauth.github", "payload", NOW.plus(Duration.ofMinutes(5)));

        assertThat(store.take(key, "oauth.github", NOW.plus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(store.take(key, "oauth.github", NOW)).isEmpty();
    }

    @Test
    void aChallengeForAnotherPurposeIsNotReturnedAndIsBurnt() {
        TokenHash key = samples.tokenHash();
        store.put(key, "webauthn.registration", "payload", NOW.plus(Duration.ofMinutes(5)));

        assertThat(store.take(key, "webauthn.authentication", NOW)).isEmpty();
        assertThat(store.take(key, "webauthn.registration", NOW)).as("a probe with the wrong purpose uses it up").isEmpty();
    }

    @Test
    void unknownKeysFindNothingAndPutReplaces() {
        assertThat(store.take(samples.tokenHash(), "p", NOW)).isEmpty();
        TokenHash key = samples.tokenHash();
        store.put(key, "p", "first", NOW.plus(Duration.ofMinutes(1)));
        store.put(key, "p", "second", NOW.plus(Duration.ofMinutes(1)));
        assertThat(store.take(key, "p", NOW)).contains("second");
    }

    @Test
    void largeUnicodePayloadsRoundTrip() {
        TokenHash key = samples.tokenHash();
        String payload = "é✓ " + "x".repeat(ChallengeStore.MAX_PAYLOAD_LENGTH - 3);
        store.put(key, "p", payload, NOW.plus(Duration.ofMinutes(1)));
        assertThat(store.take(key, "p", NOW)).contains(payload);
    }

    @Test
    void expiredEntriesAreDeleted() {
        TokenHash old = samples.tokenHash();
        TokenHash fresh = samples.tokenHash();
        store.put(old, "p", "old", NOW.minusSeconds(1));
        store.put(fresh, "p", "fresh", NOW.plus(Duration.ofMinutes(1)));

        assertThat(store.deleteExpired(NOW)).isEqualTo(1);
        assertThat(store.take(fresh, "p", NOW)).contains("fresh");
    }

    @Test
    void racingTakersGetTheChallengeExactlyOnce() throws Exception {
        TokenHash key = samples.tokenHash();
        store.put(key, "p", "once", NOW.plus(Duration.ofMinutes(1)));

        List<Optional<String>> results = Concurrently.run(THREADS, i -> () -> store.take(key, "p", NOW));

        assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
    }
}
