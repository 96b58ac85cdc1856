package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.ApiKeyRegeneration;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AccountLockStore;
import org.openml.auth.core.port.out.ApiKeyStore;
import org.openml.auth.core.port.out.ApiKeyStore.ReplaceResult;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/**
 * What every {@link ApiKeyStore} must do. Extend it once per implementation, with stores that
 * share one database:
 *
 * <pre>{@code
 * class SqliteApiKeyStoreTest extends ApiKeyStoreContract {
 *     protected KeyStores newStores() { JdbcStores s = …; return new KeyStores(s.users(), s.apiKeys(), s.accountLocks()); }
 *     protected void removeApiKey(UserId user) { … UPDATE users SET session_hash = NULL … }
 *     protected void addToGroup(UserId user, Group group) { … INSERT INTO users_groups … }
 * }
 * }</pre>
 *
 * <p>Precision: audit times are compared to the millisecond.
 */
public abstract class ApiKeyStoreContract {
    /** Threads racing in the concurrency test. */
    protected static final int THREADS = 8;

    private final Samples samples = new Samples();
    private UserStore users;
    private ApiKeyStore keys;
    private AccountLockStore locks;

    /** The user store, the API-key store and the lock store on one fresh, empty database. */
    public record KeyStores(UserStore users, ApiKeyStore apiKeys, AccountLockStore locks) {}

    /** Fresh, empty stores sharing one database; called once before each test. */
    protected abstract KeyStores newStores();

    /** Removes the account's key ({@code session_hash = NULL}), as legacy rows may have none. */
    protected abstract void removeApiKey(UserId user);

    /** Adds the account to another group ({@code users_groups}). */
    protected abstract void addToGroup(UserId user, Group group);

    @BeforeEach
    final void createStores() {
        KeyStores stores = newStores();
        users = stores.users();
        keys = stores.apiKeys();
        locks = stores.locks();
    }

    private User created() {
        NewUser user = samples.user();
        CreateResult result = users.create(user);
        assertThat(result).isInstanceOf(CreateResult.Created.class);
        return ((CreateResult.Created) result).user();
    }

    private static ApiKeyRegeneration audit(User user, String at) {
        return new ApiKeyRegeneration(user.id(), Instant.parse(at), "198.51.100.7");
    }

    @Test
    void aKeyFindsItsOwnerWithTheMembersGroup() {
        User user = created();

        Optional<Principal> principal = keys.findPrincipal(user.apiKey().orElseThrow());

        assertThat(principal).isPresent();
        assertThat(principal.get().id()).isEqualTo(user.id());
        assertThat(principal.get().username()).isEqualTo(user.username());
        assertThat(principal.get().email().value()).isEqualTo(user.email().value());
        assertThat(principal.get().active()).isFalse();
        assertThat(principal.get().groups()).containsExactly(Group.MEMBERS);
    }

    @Test
    void anUnknownKeyFindsNobody() {
        created();
        assertThat(keys.findPrincipal(samples.apiKey())).isEmpty();
    }

    @Test
    void thePrincipalCarriesEveryGroupAndTheActiveFlag() {
        User user = created();
        addToGroup(user.id(), Group.ADMIN);
        users.activate(user.id());

        Principal principal = keys.findPrincipal(user.apiKey().orElseThrow()).orElseThrow();

        assertThat(principal.groups()).containsExactlyInAnyOrder(Group.MEMBERS, Group.ADMIN);
        assertThat(principal.active()).isTrue();
        assertThat(principal.isAdmin()).isTrue();
    }

    @Test
    void replacingTheCurrentKeyMakesTheOldOneFindNobody() {
        User user = created();
        ApiKey old = user.apiKey().orElseThrow();
        ApiKey fresh = samples.apiKey();

        assertThat(keys.replace(user.id(), Optional.of(old), fresh, Optional.empty())).isInstanceOf(ReplaceResult.Replaced.class);

        assertThat(keys.findPrincipal(old)).isEmpty();
        assertThat(keys.findPrincipal(fresh).map(Principal::id)).contains(user.id());
        assertThat(users.findById(user.id()).orElseThrow().apiKey()).contains(fresh);
    }

    @Test
    void aStaleExpectedKeyIsAConflictAndChangesNothing() {
        User user = created();
        ApiKey current = user.apiKey().orElseThrow();

        ReplaceResult result = keys.replace(user.id(), Optional.of(samples.apiKey()), samples.apiKey(), Optional.of(
                audit(user, "2025-01-02T03:04:05.678Z")));

        assertThat(result).isInstanceOf(ReplaceResult.Conflict.class);
        assertThat(users.findById(user.id()).orElseThrow().apiKey()).contains(current);
        assertThat(keys.lastRegeneration(user.id())).isEmpty();
    }

    @Test
    void aKeyHeldByAnotherAccountIsRefusedAndChangesNothing() {
        User user = created();
        User other = created();

        ReplaceResult result = keys.replace(user.id(), user.apiKey(), other.apiKey().orElseThrow(), Optional.empty());

        assertThat(result).isInstanceOf(ReplaceResult.KeyTaken.class);
        assertThat(users.findById(user.id()).orElseThrow().apiKey()).isEqualTo(user.apiKey());
        assertThat(keys.findPrincipal(other.apiKey().orElseThrow()).map(Principal::id)).contains(other.id());
    }

    @Test
    void anUnknownAccountCannotGetAKey() {
        created();
        assertThat(keys.replace(new UserId(999_999), Optional.empty(), samples.apiKey(), Optional.empty()))
                .isInstanceOf(ReplaceResult.UnknownUser.class);
    }

    @Test
    void anAccountWithoutAKeyGetsOneOnlyWhenNoneIsExpected() {
        User user = created();
        removeApiKey(user.id());
        assertThat(users.findById(user.id()).orElseThrow().apiKey()).isEmpty();
        assertThat(keys.findPrincipal(user.apiKey().orElseThrow())).isEmpty();

        assertThat(keys.replace(user.id(), Optional.of(samples.apiKey()), samples.apiKey(), Optional.empty()))
                .isInstanceOf(ReplaceResult.Conflict.class);
        ApiKey first = samples.apiKey();
        assertThat(keys.replace(user.id(), Optional.empty(), first, Optional.empty())).isInstanceOf(ReplaceResult.Replaced.class);
        assertThat(users.findById(user.id()).orElseThrow().apiKey()).contains(first);
    }

    @Test
    void theAuditKeepsTheNewestRegenerationAndOnlyWhenGiven() {
        User user = created();
        assertThat(keys.lastRegeneration(user.id())).isEmpty();
        ApiKey second = samples.apiKey();
        ApiKey third = samples.apiKey();

        keys.replace(user.id(), user.apiKey(), second, Optional.of(audit(user, "2025-01-02T03:04:05.678Z")));
        keys.replace(user.id(), Optional.of(second), third, Optional.of(audit(user, "2025-02-03T04:05:06.789Z")));
        keys.replace(user.id(), Optional.of(third), samples.apiKey(), Optional.empty());

        ApiKeyRegeneration last = keys.lastRegeneration(user.id()).orElseThrow();
        assertThat(last.at()).isEqualTo(Instant.parse("2025-02-03T04:05:06.789Z"));
        assertThat(last.ipAddress()).isEqualTo("198.51.100.7");
        assertThat(last.userId()).isEqualTo(user.id());
        assertThat(keys.lastRegeneration(created().id())).isEmpty();
    }

    @Test
    void concurrentReplacementsOfOneKeyHaveExactlyOneWinner() throws Exception {
        User user = created();
        ApiKey original = user.apiKey().orElseThrow();
        List<ApiKey> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < THREADS; i++) candidates.add(samples.apiKey());

        List<ReplaceResult> results = Concurrently.run(THREADS,
                i -> () -> keys.replace(user.id(), Optional.of(original), candidates.get(i), Optional.empty()));

        assertThat(results).filteredOn(r -> r instanceof ReplaceResult.Replaced).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof ReplaceResult.Conflict).hasSize(THREADS - 1);
        ApiKey winner = candidates.get(results.indexOf(results.stream().filter(r -> r instanceof ReplaceResult.Replaced)
                .findFirst().orElseThrow()));
        assertThat(users.findById(user.id()).orElseThrow().apiKey()).contains(winner);
        assertThat(keys.findPrincipal(original)).isEmpty();
    }

    @Test
    void aLockedAccountsKeyFindsNoPrincipalUntilUnlocked() {
        User ada = created();
        User alan = created();
        ApiKey adasKey = ada.apiKey().orElseThrow();

        assertThat(locks.lock(ada.id(), Instant.parse("2026-12-06T10:00:00Z"), "operator")).isTrue();

        assertThat(keys.findPrincipal(adasKey)).as("read with the key, in one statement").isEmpty();
        assertThat(keys.findPrincipal(alan.apiKey().orElseThrow())).isPresent();
        assertThat(locks.unlock(ada.id())).isTrue();
        assertThat(keys.findPrincipal(adasKey)).map(Principal::id).contains(ada.id());
    }
}
