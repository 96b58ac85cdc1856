package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.ApiKeyRegeneration;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.port.out.ApiKeyStore.ReplaceResult;

/** Regenerates a new account's key through the store and checks the old key stops working and the new one works. */
final class ApiKeyReplacement {
    private ApiKeyReplacement() {}

    static void replace(JdbcStores stores, User user) {
        ApiKey old = user.apiKey().orElseThrow();
        ApiKey fresh = new ApiKey("f".repeat(31) + "1");
        assertThat(stores.apiKeys().findPrincipal(old)).isPresent();

        assertThat(stores.apiKeys().replace(user.id(), Optional.of(old), fresh,
                Optional.of(new ApiKeyRegeneration(user.id(), Instant.now(), "192.0.2.9")))).isInstanceOf(ReplaceResult.Replaced.class);

        assertThat(stores.apiKeys().findPrincipal(old)).isEmpty();
        assertThat(stores.apiKeys().findPrincipal(fresh)).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(user.id()));
    }
}
