package org.openml.auth.core.port.out;

import java.util.Optional;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.UserId;

/**
 * Links between accounts and sign-in provider accounts. On OpenML's legacy schema these are the
 * {@code users.external_source} / {@code users.external_id} columns, so an account holds at most
 * one link. Implementations never return null and throw
 * {@link org.openml.auth.core.error.StoreUnavailableException} when the store fails.
 */
public interface ExternalIdentityStore {

    /** The account linked to {@code identity}; empty when none is. */
    Optional<UserId> findUserId(ExternalIdentity identity);

    /** The identity linked to {@code user}; empty when it has none (or the legacy placeholder). */
    Optional<ExternalIdentity> findIdentity(UserId user);

    /**
     * Links {@code user} to {@code identity} if the account has no link yet and no other account
     * holds {@code identity} (checked in one statement or transaction). Never overwrites a link.
     */
    LinkResult link(UserId user, ExternalIdentity identity);

    /** Removes the link of {@code user}, whichever it is; false when it had none (nothing changed). */
    boolean unlink(UserId user);

    /** The outcome of {@link #link}. */
    sealed interface LinkResult {
        /** The link was written (or was already exactly this one). */
        record Linked() implements LinkResult {}

        /** The account is already linked to another identity; nothing written. */
        record UserAlreadyLinked(ExternalIdentity existing) implements LinkResult {}

        /** Another account holds this identity; nothing written. */
        record IdentityTaken(UserId owner) implements LinkResult {}

        /** No such account. */
        record UnknownUser() implements LinkResult {}
    }
}
