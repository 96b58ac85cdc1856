package org.openml.auth.testkit;

import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.testkit.contract.DeviceSessionStoreContract;

class InMemoryDeviceSessionStoreTest extends DeviceSessionStoreContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryStores.create();
    }
}
