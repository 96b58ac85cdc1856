package org.openml.auth.core.usecase;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.port.out.ExternalIdentityStore;
import org.openml.auth.core.port.out.PasskeyStore;
import org.openml.auth.core.port.out.UnprovenEmailStore;
import org.openml.auth.core.port.out.UserStore;

/**
 * The pre-account-takeover defence. Someone may sign up with another person's address (a
 * registration never confirmed, or a passkey sign-up, which proves no mailbox) and wait for the
 * owner to arrive. When the owner proves the address for the first time (GitHub/Google with that
 * verified email, or a password reset link), everything the pre-claimer could hold is removed
 * before the owner gets the account: sessions, passkeys, password, provider links and the API key
 * (a new one is made). Then the address counts as proven.
 */
final class AccountReclaim {
    private static final System.Logger LOG = System.getLogger(AccountReclaim.class.getName());

    private final UserStore users;
    private final Optional<PasskeyStore> passkeys;
    private final Optional<ExternalIdentityStore> identities;
    private final ApiKeyService apiKeys;
    private final SessionRevoker revoker;
    private final UnprovenEmailStore unproven;

    AccountReclaim(UserStore users, Optional<PasskeyStore> passkeys, Optional<ExternalIdentityStore> identities,
            ApiKeyService apiKeys, SessionRevoker revoker, UnprovenEmailStore unproven) {
        this.users = users;
        this.passkeys = passkeys;
        this.identities = identities;
        this.apiKeys = apiKeys;
        this.revoker = revoker;
        this.unproven = unproven;
    }

    /** Whether nobody has proven the account's address yet: never confirmed, or a passkey sign-up not confirmed. */
    boolean addressUnproven(User user) {
        return !user.active() || unproven.isUnproven(user.id());
    }

    /** Marks an active account's address unproven (a passkey sign-up). */
    void markUnproven(User user, java.time.Instant since) {
        unproven.markUnproven(user.id(), since);
    }

    /** Records that the owner proved the address by a means that keeps the account as it is (its confirmation link). */
    boolean markProven(User user) {
        return unproven.markProven(user.id());
    }

    /**
     * Removes what a pre-claimer could hold, sets {@code password} (a marker that matches no
     * password, or the owner's new one), activates the account and marks its address proven.
     * Sessions end first, so a failure half-way leaves nobody signed in with what remains, and the
     * proof is recorded last, so a retry wipes again.
     *
     * @param proof what proved the address, for the log ("github", "password reset")
     */
    void reclaim(User user, PasswordHash password, String proof) {
        revoker.revokeAll(user.id());
        int removedPasskeys = 0;
        if (passkeys.isPresent()) {
            List<Passkey> held = passkeys.get().listByUser(user.id());
            for (Passkey p : held) if (passkeys.get().remove(user.id(), p.id())) removedPasskeys++;
        }
        boolean unlinked = identities.isPresent() && identities.get().unlink(user.id());
        users.updatePasswordHash(user.id(), password);
        apiKeys.renew(user.id());
        if (!user.active()) users.activate(user.id());
        unproven.markProven(user.id());
        LOG.log(Level.WARNING, "user {0}: address proven by {1} for the first time; removed what a pre-claimer could hold"
                + " ({2} passkey(s), {3}, the password, every session; new API key)", user.id(), proof, removedPasskeys,
                unlinked ? "a provider link" : "no provider link");
    }
}
