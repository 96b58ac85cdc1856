package org.openml.auth.testkit;

import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.testkit.contract.EmailChangeStoreContract;

class InMemoryEmailChangeStoreTest extends EmailChangeStoreContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryStores.create();
    }
}
