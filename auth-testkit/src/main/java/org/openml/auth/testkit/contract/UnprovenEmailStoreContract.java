package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.UnprovenEmailStore;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/** What every {@link UnprovenEmailStore} must do. Extend it once per implementation. */
public abstract class UnprovenEmailStoreContract {
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00.123Z");

    private final Samples samples = new Samples();
    private UserStore users;
    private UnprovenEmailStore store;

    /** A user store and the unproven-address store on the same, empty data. */
    protected abstract Pair newStores();

    /** The two stores under test. */
    public record Pair(UserStore users, UnprovenEmailStore unproven) {}

    @BeforeEach
    void setUp() {
        Pair pair = newStores();
        users = pair.users();
        store = pair.unproven();
    }

    private UserId newUser() {
        NewUser draft = new NewUser(samples.username(), samples.email(), "First", "Last", Samples.HASH, true, samples.apiKey(),
                "127.0.0.1", Samples.CREATED_AT);
        return ((CreateResult.Created) users.create(draft)).user().id();
    }

    @Test
    void anAccountIsProvenUntilMarked() {
        assertThat(store.isUnproven(newUser())).isFalse();
    }

    @Test
    void markedAccountsAreUnprovenUntilProvenOnce() {
        UserId user = newUser();
        UserId other = newUser();
        store.markUnproven(user, NOW);
        assertThat(store.isUnproven(user)).isTrue();
        assertThat(store.isUnproven(other)).isFalse();
        assertThat(store.markProven(user)).as("was unproven").isTrue();
        assertThat(store.isUnproven(user)).isFalse();
        assertThat(store.markProven(user)).as("already proven").isFalse();
        assertThat(store.markProven(other)).isFalse();
    }

    @Test
    void markingTwiceKeepsOneRow() {
        UserId user = newUser();
        store.markUnproven(user, NOW);
        store.markUnproven(user, NOW.plusSeconds(60));
        assertThat(store.markProven(user)).isTrue();
        assertThat(store.isUnproven(user)).isFalse();
    }
}
