package org.openml.auth.testkit;

import org.junit.jupiter.api.Nested;
import org.openml.auth.testkit.contract.OneTimeTokenStoreContract;
import org.openml.auth.testkit.contract.Stores;

/** The one-time token contract on both in-memory token stores. */
class InMemoryOneTimeTokenStoreTest {

    @Nested
    class Confirmation extends OneTimeTokenStoreContract {
        @Override
        protected Stores newStores() {
            InMemoryStores stores = InMemoryStores.create();
            return new Stores(stores.users(), stores.confirmationTokens());
        }

        @Override
        protected boolean keepsUsedTokens() {
            return false;
        }
    }

    @Nested
    class Reset extends OneTimeTokenStoreContract {
        @Override
        protected Stores newStores() {
            InMemoryStores stores = InMemoryStores.create();
            return new Stores(stores.users(), stores.resetTokens());
        }

        @Override
        protected boolean keepsUsedTokens() {
            return true;
        }
    }
}
