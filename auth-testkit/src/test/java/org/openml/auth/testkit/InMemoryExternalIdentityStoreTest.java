package org.openml.auth.testkit;

import org.openml.auth.testkit.contract.ExternalIdentityStoreContract;

class InMemoryExternalIdentityStoreTest extends ExternalIdentityStoreContract {
    @Override
    protected Pair newStores() {
        InMemoryUserStore store = new InMemoryUserStore();
        return new Pair(store, store);
    }
}
