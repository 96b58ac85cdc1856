package org.openml.auth.testkit;

import java.util.Objects;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AccountRemovalStore;

/**
 * {@link AccountRemovalStore} over the in-memory stores of one {@link InMemoryStores}: removes
 * what each holds of the account. The stores lock one by one, so a reader may see a half-removed
 * account for an instant, which the SQL store's single transaction rules out.
 */
final class InMemoryAccountRemoval implements AccountRemovalStore {
    private final InMemoryStores stores;

    InMemoryAccountRemoval(InMemoryStores stores) {
        this.stores = stores;
    }

    @Override
    public boolean delete(UserId user) {
        Objects.requireNonNull(user, "user");
        if (stores.users().findById(user).isEmpty()) return false;
        removeBelongings(user);
        return stores.users().remove(user);
    }

    @Override
    public boolean anonymise(UserId user, Anonymous replacement) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(replacement, "replacement");
        if (stores.users().findById(user).isEmpty()) return false;
        removeBelongings(user);
        return stores.users().anonymise(user, replacement);
    }

    private void removeBelongings(UserId user) {
        stores.confirmationTokens().removeAll(user);
        stores.resetTokens().removeAll(user);
        stores.passkeys().removeAll(user);
        stores.unprovenEmails().markProven(user);
        stores.auditEvents().removeAll(user);
        stores.deviceSessions().removeAll(user);
        stores.emailChanges().removeAll(user);
        stores.accountLocks().unlock(user);
    }
}
