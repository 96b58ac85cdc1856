package org.openml.auth.testkit;

import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.testkit.contract.AccountRemovalStoreContract;

class InMemoryAccountRemovalTest extends AccountRemovalStoreContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryStores.create();
    }
}
