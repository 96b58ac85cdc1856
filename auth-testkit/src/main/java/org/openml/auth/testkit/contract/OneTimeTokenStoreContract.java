package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.OneTimeTokenStore;
import org.openml.auth.core.port.out.OneTimeTokenStore.StoredToken;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/**
 * What every {@link OneTimeTokenStore} must do, the confirmation and the reset store alike.
 * Extend it once per store and return, from {@link #newStores()}, a user store and the token
 * store under test on one fresh, empty database; say with {@link #keepsUsedTokens()} which
 * kind the token store must be (it must also say so itself).
 *
 * <p>Precision: instants are compared to the millisecond (the SQL tables hold epoch
 * milliseconds); a store may drop anything finer, never more.
 */
public abstract class OneTimeTokenStoreContract {
    /** Threads racing in the concurrency tests. */
    protected static final int THREADS = 8;
    private static final Instant NOW = Samples.CREATED_AT;
    private static final Instant LATER = NOW.plus(Duration.ofHours(1)).plusNanos(654_321);

    private final Samples samples = new Samples();
    private Stores stores;
    private OneTimeTokenStore tokens;

    /** Fresh, empty stores on one database; called once before each test. */
    protected abstract Stores newStores();

    /** Whether the store under test must keep used tokens (the reset store) or forget them (the confirmation store). */
    protected abstract boolean keepsUsedTokens();

    @BeforeEach
    final void createStores() {
        stores = newStores();
        tokens = stores.tokens();
    }

    private UserId newUser() {
        CreateResult result = stores.users().create(samples.user());
        assertThat(result).isInstanceOf(CreateResult.Created.class);
        return ((CreateResult.Created) result).user().id();
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void storeSaysWhetherItKeepsUsedTokens() {
        assertThat(tokens.keepsUsedTokens()).isEqualTo(keepsUsedTokens());
    }

    @Test
    void issuedTokenIsFoundUnusedWithItsUserAndExpiryToTheMillisecond() {
        UserId user = newUser();
        TokenHash hash = samples.tokenHash();

        tokens.issue(user, hash, NOW, LATER);

        StoredToken stored = tokens.find(hash).orElseThrow();
        assertThat(stored.userId()).isEqualTo(user);
        assertThat(millis(stored.expiresAt())).isEqualTo(millis(LATER));
        assertThat(stored.used()).isFalse();
    }

    @Test
    void expiredTokenIsStillFoundSoTheCallerCanSayExpired() {
        UserId user = newUser();
        TokenHash hash = samples.tokenHash();
        Instant past = Instant.parse("2001-01-01T00:00:00.001Z");

        tokens.issue(user, hash, past.minusSeconds(60), past);

        assertThat(tokens.find(hash).map(StoredToken::expiresAt)).contains(past);
    }

    @Test
    void unknownTokenIsNotFound() {
        tokens.issue(newUser(), samples.tokenHash(), NOW, LATER);

        assertThat(tokens.find(samples.tokenHash())).isNotNull().isEmpty();
    }

    @Test
    void issuingASecondTokenVoidsTheFirst() {
        UserId user = newUser();
        TokenHash first = samples.tokenHash();
        TokenHash second = samples.tokenHash();

        tokens.issue(user, first, NOW, LATER);
        tokens.issue(user, second, NOW.plusSeconds(1), LATER.plusSeconds(1));

        assertThat(tokens.find(first)).isEmpty();
        assertThat(tokens.markUsed(first, NOW)).isFalse();
        assertThat(tokens.find(second).map(StoredToken::userId)).contains(user);
    }

    @Test
    void issuingASecondTokenVoidsAUsedOneToo() {
        UserId user = newUser();
        TokenHash first = samples.tokenHash();
        tokens.issue(user, first, NOW, LATER);
        tokens.markUsed(first, NOW.plusSeconds(5));

        tokens.issue(user, samples.tokenHash(), NOW.plusSeconds(10), LATER.plusSeconds(10));

        assertThat(tokens.find(first)).isEmpty();
    }

    @Test
    void issuingForOneUserLeavesOtherUsersTokensAlone() {
        UserId alice = newUser();
        UserId bob = newUser();
        TokenHash alicesToken = samples.tokenHash();
        TokenHash bobsToken = samples.tokenHash();

        tokens.issue(alice, alicesToken, NOW, LATER);
        tokens.issue(bob, bobsToken, NOW, LATER);

        assertThat(tokens.find(alicesToken).map(StoredToken::userId)).contains(alice);
        assertThat(tokens.find(bobsToken).map(StoredToken::userId)).contains(bob);
    }

    @Test
    void aTokenCannotBeMarkedUsedTwice() {
        TokenHash hash = samples.tokenHash();
        tokens.issue(newUser(), hash, NOW, LATER);

        assertThat(tokens.markUsed(hash, NOW.plusSeconds(30))).isTrue();
        assertThat(tokens.markUsed(hash, NOW.plusSeconds(31))).isFalse();
    }

    @Test
    void aUsedTokenIsKeptMarkedUsedOrForgottenAsTheStoreSays() {
        UserId user = newUser();
        TokenHash hash = samples.tokenHash();
        tokens.issue(user, hash, NOW, LATER);

        tokens.markUsed(hash, NOW.plusSeconds(30));

        if (keepsUsedTokens()) {
            StoredToken stored = tokens.find(hash).orElseThrow();
            assertThat(stored.used()).isTrue();
            assertThat(stored.userId()).isEqualTo(user);
            assertThat(millis(stored.expiresAt())).isEqualTo(millis(LATER));
        } else {
            assertThat(tokens.find(hash)).isEmpty();
        }
    }

    @Test
    void markingAnUnknownTokenUsedReturnsFalse() {
        tokens.issue(newUser(), samples.tokenHash(), NOW, LATER);

        assertThat(tokens.markUsed(samples.tokenHash(), NOW)).isFalse();
    }

    @Test
    void concurrentCallsMarkATokenUsedExactlyOnce() throws InterruptedException {
        TokenHash hash = samples.tokenHash();
        tokens.issue(newUser(), hash, NOW, LATER);

        List<Boolean> results = Concurrently.run(THREADS, i -> () -> tokens.markUsed(hash, NOW.plusMillis(i)));

        assertThat(results).containsOnlyOnce(true);
        assertThat(results).filteredOn(marked -> !marked).hasSize(THREADS - 1);
    }

    @Test
    void deleteReturnsTrueOnlyOnce() {
        TokenHash hash = samples.tokenHash();
        tokens.issue(newUser(), hash, NOW, LATER);

        assertThat(tokens.delete(hash)).isTrue();
        assertThat(tokens.delete(hash)).isFalse();
        assertThat(tokens.find(hash)).isEmpty();
    }

    @Test
    void concurrentDeletesRedeemATokenExactlyOnce() throws InterruptedException {
        TokenHash hash = samples.tokenHash();
        tokens.issue(newUser(), hash, NOW, LATER);

        List<Boolean> results = Concurrently.run(THREADS, i -> () -> tokens.delete(hash));

        assertThat(results).containsOnlyOnce(true);
        assertThat(results).filteredOn(deleted -> !deleted).hasSize(THREADS - 1);
    }

    @Test
    void deletingAUsedTokenSucceedsOnlyWhereItWasKept() {
        TokenHash hash = samples.tokenHash();
        tokens.issue(newUser(), hash, NOW, LATER);
        tokens.markUsed(hash, NOW);

        assertThat(tokens.delete(hash)).isEqualTo(keepsUsedTokens());
        assertThat(tokens.find(hash)).isEmpty();
    }

    @Test
    void deletingAnUnknownTokenReturnsFalse() {
        assertThat(tokens.delete(samples.tokenHash())).isFalse();
    }
}
