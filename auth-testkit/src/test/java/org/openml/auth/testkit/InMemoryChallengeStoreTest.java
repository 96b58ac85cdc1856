package org.openml.auth.testkit;

import org.openml.auth.core.port.out.ChallengeStore;
import org.openml.auth.testkit.contract.ChallengeStoreContract;

class InMemoryChallengeStoreTest extends ChallengeStoreContract {
    @Override
    protected ChallengeStore newStore() {
        return new InMemoryChallengeStore();
    }
}
