package org.openml.auth.testkit;

import org.openml.auth.testkit.contract.PasskeyStoreContract;

class InMemoryPasskeyStoreTest extends PasskeyStoreContract {
    @Override
    protected PasskeyStores newStores() {
        return new PasskeyStores(new InMemoryUserStore(), new InMemoryPasskeyStore());
    }
}
