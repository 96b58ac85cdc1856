package org.openml.auth.testkit;

import org.openml.auth.testkit.contract.PasswordResetTokenStoreContract;
import org.openml.auth.testkit.contract.Stores;

class InMemoryPasswordResetTokenStoreTest extends PasswordResetTokenStoreContract {
    @Override
    protected Stores newStores() {
        InMemoryStores stores = InMemoryStores.create();
        return new Stores(stores.users(), stores.confirmationTokens(), stores.resetTokens());
    }
}
