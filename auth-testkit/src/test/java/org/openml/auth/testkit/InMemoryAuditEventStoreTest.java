package org.openml.auth.testkit;

import org.openml.auth.testkit.contract.AuditEventStoreContract;

class InMemoryAuditEventStoreTest extends AuditEventStoreContract {
    @Override
    protected AuditStores newStores() {
        return new AuditStores(new InMemoryUserStore(), new InMemoryAuditEventStore());
    }
}
