package org.openml.auth.testkit;

import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.testkit.contract.ApiKeyStoreContract;

class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {
    private InMemoryUserStore store;

    @Override
    protected KeyStores newStores() {
        InMemoryAccountLockStore locks = new InMemoryAccountLockStore();
        store = new InMemoryUserStore(locks);
        return new KeyStores(store, store, locks);
    }

    @Override
    protected void removeApiKey(UserId user) {
        store.removeApiKey(user);
    }

    @Override
    protected void addToGroup(UserId user, Group group) {
        store.addToGroup(user, group);
    }
}
