package org.openml.auth.core.usecase;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.SessionRevocationStore;

/** Ends every existing session of a user by moving their "valid after" cut-off to now. */
final class SessionRevoker {
    private final SessionRevocationStore store;
    private final Clock clock;

    SessionRevoker(SessionRevocationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Sessions signed in before this instant stop working on every node.
     *
     * @throws org.openml.auth.core.error.StoreUnavailableException when the store cannot be written;
     *     callers revoke before their other writes, so a failure leaves nothing half done that
     *     keeps an old session alive
     */
    void revokeAll(UserId user) {
        store.revokeBefore(user, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * As {@link #revokeAll}, and sessions signed in within this very millisecond too: for an
     * account that is being deleted, where no session may outlive the call (a later sign-in is
     * impossible anyway).
     */
    void revokeAllForGood(UserId user) {
        store.revokeBefore(user, clock.instant().truncatedTo(ChronoUnit.MILLIS).plusMillis(1));
    }

    SessionRevocationStore store() {
        return store;
    }
}
