package org.openml.auth.testkit;

import org.openml.auth.core.port.out.SessionRevocationStore;
import org.openml.auth.testkit.contract.SessionRevocationStoreContract;

class InMemorySessionRevocationStoreTest extends SessionRevocationStoreContract {
    /** One map per test; a second store "on the same data" is the same map. */
    private InMemorySessionRevocationStore shared;

    @Override
    protected SessionRevocationStore newStore() {
        if (shared == null) shared = new InMemorySessionRevocationStore();
        return shared;
    }
}
