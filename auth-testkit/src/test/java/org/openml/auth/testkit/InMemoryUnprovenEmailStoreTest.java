package org.openml.auth.testkit;

import org.openml.auth.testkit.contract.UnprovenEmailStoreContract;

class InMemoryUnprovenEmailStoreTest extends UnprovenEmailStoreContract {
    @Override
    protected Pair newStores() {
        InMemoryStores stores = InMemoryStores.create();
        return new Pair(stores.users(), stores.unprovenEmails());
    }
}
