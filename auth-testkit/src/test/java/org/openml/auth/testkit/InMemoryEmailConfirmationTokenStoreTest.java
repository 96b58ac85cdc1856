package org.openml.auth.testkit;

import org.openml.auth.testkit.contract.EmailConfirmationTokenStoreContract;
import org.openml.auth.testkit.contract.Stores;

class InMemoryEmailConfirmationTokenStoreTest extends EmailConfirmationTokenStoreContract {
    @Override
    protected Stores newStores() {
        InMemoryStores stores = InMemoryStores.create();
        return new Stores(stores.users(), stores.confirmationTokens(), stores.resetTokens());
    }
}
