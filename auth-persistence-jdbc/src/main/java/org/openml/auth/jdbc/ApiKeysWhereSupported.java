package org.openml.auth.jdbc;

import java.util.Optional;
import java.util.function.Supplier;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.ApiKeyRegeneration;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.port.out.ApiKeyStore;

/**
 * The API-key store, refusing with the reason when the database has no place for keys (a
 * {@code users} table without {@code session_hash}), instead of failing on a missing column.
 */
final class ApiKeysWhereSupported implements ApiKeyStore {
    private final ApiKeyStore delegate;
    private final Supplier<Optional<Schema>> schema;
    private final String database;

    ApiKeysWhereSupported(ApiKeyStore delegate, Supplier<Optional<Schema>> schema, String database) {
        this.delegate = delegate;
        this.schema = schema;
        this.database = database;
    }

    private void requireSupported() {
        // Before the schema is known, the delegate's own gate answers "not ready".
        if (schema.get().map(s -> !s.users().supportsApiKeys()).orElse(false)) {
            throw new StoreUnavailableException("API keys need the column users.session_hash (at least "
                    + UsersTable.API_KEY_LENGTH + " characters), which " + database
                    + " lacks; API keys cannot work on this database", null);
        }
    }

    @Override
    public Optional<Principal> findPrincipal(ApiKey key) {
        requireSupported();
        return delegate.findPrincipal(key);
    }

    @Override
    public ReplaceResult replace(UserId user, Optional<ApiKey> expected, ApiKey replacement,
            Optional<ApiKeyRegeneration> audit) {
        requireSupported();
        return delegate.replace(user, expected, replacement, audit);
    }

    @Override
    public Optional<ApiKeyRegeneration> lastRegeneration(UserId user) {
        requireSupported();
        return delegate.lastRegeneration(user);
    }
}
