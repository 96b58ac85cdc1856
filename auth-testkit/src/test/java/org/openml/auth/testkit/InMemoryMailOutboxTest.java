package org.openml.auth.testkit;

import org.openml.auth.core.port.out.MailOutbox;
import org.openml.auth.testkit.contract.MailOutboxContract;

class InMemoryMailOutboxTest extends MailOutboxContract {
    /** One outbox per test; a second view "on the same data" is the same object. */
    private InMemoryMailOutbox shared;

    @Override
    protected MailOutbox newStore() {
        if (shared == null) shared = new InMemoryMailOutbox();
        return shared;
    }
}
