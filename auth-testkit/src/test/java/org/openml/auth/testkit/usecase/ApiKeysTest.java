package org.openml.auth.testkit.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.ApiKeyRegeneration;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.port.in.ApiKeys;
import org.openml.auth.core.port.in.ApiKeys.RegenerateResult;
import org.openml.auth.core.port.out.ApiKeyStore;
import org.openml.auth.core.port.out.UserStore.CreateResult;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.testkit.InMemoryUserStore;

/** The API-key use cases through their public entry point, on the in-memory store. */
class ApiKeysTest {
    final InMemoryUserStore store = new InMemoryUserStore();

    User user(String name, boolean active) {
        NewUser u = new NewUser(new Username(name), new Email(name + "@example.org"), "F", "L", new PasswordHash("!"), active,
                new ApiKey(String.format("%032x", name.hashCode() & 0xffffffffL)),
                "127.0.0.1", Instant.now());
        return ((CreateResult.Created) store.create(u)).user();
    }

    @Test
    void aServiceThatOnlyChecksKeysNeedsOnlyTheTwoStores() {
        User ada = user("ada", true);
        ApiKeys keys = AuthServices.apiKeys(store, store);

        assertThat(keys.authenticate("  " + ada.apiKey().orElseThrow().value() + "\n").map(Principal::id)).contains(ada.id());
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(ada.apiKey().orElseThrow().value().toUpperCase())).isEmpty();
    }

    @Test
    void malformedKeysNeverReachTheStore() {
        AtomicInteger lookups = new AtomicInteger();
        ApiKeyStore counting = new ApiKeyStore() {
            @Override
            public Optional<Principal> findPrincipal(ApiKey key) {
                lookups.incrementAndGet();
                return store.findPrincipal(key);
            }

            @Override
            public ReplaceResult replace(UserId user, Optional<ApiKey> expected, ApiKey replacement, Optional<ApiKeyRegeneration> audit) {
                return store.replace(user, expected, replacement, audit);
            }

            @Override
            public Optional<ApiKeyRegeneration> lastRegeneration(UserId user) {
                return store.lastRegeneration(user);
            }
        };
        ApiKeys keys = AuthServices.apiKeys(store, counting);

        for (String bad : new String[] {"short", "g".repeat(32), "A".repeat(32), "a".repeat(33), "a b".repeat(11), "'; DROP TABLE users; --"}) {
            assertThat(keys.authenticate(bad)).isEmpty();
        }
        assertThat(lookups).hasValue(0);
        keys.authenticate("a".repeat(32));
        assertThat(lookups).hasValue(1);
    }

    @Test
    void regenerationWritesAnAuditRecordAndInvalidatesTheOldKey() {
        User ada = user("ada", true);
        ApiKeys keys = AuthServices.apiKeys(store, store);

        RegenerateResult result = keys.regenerate(ada.id(), "203.0.113.9");

        ApiKey fresh = ((RegenerateResult.Regenerated) result).key();
        assertThat(fresh).isNotEqualTo(ada.apiKey().orElseThrow());
        assertThat(keys.authenticate(ada.apiKey().orElseThrow().value())).isEmpty();
        assertThat(keys.authenticate(fresh.value())).isPresent();
        assertThat(store.lastRegeneration(ada.id()).orElseThrow().ipAddress()).isEqualTo("203.0.113.9");
        assertThat(keys.regenerate(new UserId(999), "x")).isInstanceOf(RegenerateResult.UnknownAccount.class);
    }
}
