package org.openml.auth.core.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;

/**
 * Accounts ({@code users} with their {@code users_groups} membership). Implementations throw
 * {@link org.openml.auth.core.error.StoreUnavailableException} when the store fails, never
 * return null, and report unique-key conflicts as {@link CreateResult} values.
 */
public interface UserStore {

    Optional<User> findById(UserId id);

    /** The account with this address, compared case-insensitively ({@code A@x.org} is {@code a@x.org}). */
    Optional<User> findByEmail(Email email);

    /** The account with this username, compared case-insensitively as OpenML's collation does. */
    Optional<User> findByUsername(Username username);

    /**
     * Accounts whose address, username, first or last name contains {@code text} (ignoring case as
     * the columns compare), oldest first, at most {@code limit} (1 to 100); for operators.
     */
    List<User> search(String text, int limit);

    /** The groups ({@code users_groups}) the account belongs to; empty for an unknown id or a group this server does not know. */
    Set<Group> groupsOf(UserId id);

    /**
     * Creates the account and puts it in the members group, atomically. Checks email uniqueness
     * (case-insensitive) inside the same transaction, so two concurrent sign-ups with one address
     * end with exactly one account.
     */
    CreateResult create(NewUser user);

    /** Sets {@code active=1}; true when this call changed an inactive account. */
    boolean activate(UserId id);

    /**
     * Activates the legacy account whose {@code users.activation_code} equals {@code code} and
     * clears the code so the link works once. Empty when no account holds it.
     */
    Optional<UserId> activateByLegacyActivationCode(String code);

    /** Replaces the password hash (reset, or re-hash to the current format after sign-in). */
    void updatePasswordHash(UserId id, PasswordHash hash);

    /**
     * Replaces the first and last name (already validated: at most 50 characters each).
     *
     * @return false when there is no such account (nothing changed)
     * @throws org.openml.auth.core.error.InvalidInputException {@code UNSUPPORTED_CHARACTERS} when
     *     the columns cannot hold a name (OpenML's latin1 tables), before anything is written
     */
    boolean updateNames(UserId id, String firstName, String lastName);

    /**
     * Changes the account's address, checking (case-insensitively, inside the same transaction and
     * under the same guard as sign-ups) that no other account holds it, so an address change racing
     * a registration of the same address ends with exactly one owner.
     *
     * @throws org.openml.auth.core.error.InvalidInputException {@code UNSUPPORTED_CHARACTERS} when
     *     the column cannot hold the address, before anything is written
     */
    EmailChangeResult changeEmail(UserId id, Email email);

    /** Records a successful sign-in ({@code last_login}, unix seconds in the legacy column). */
    void recordSignIn(UserId id, Instant at);

    /** The outcome of {@link #changeEmail}. */
    sealed interface EmailChangeResult {
        record Changed() implements EmailChangeResult {}

        record EmailTaken() implements EmailChangeResult {}

        record UnknownUser() implements EmailChangeResult {}
    }

    /** The outcome of {@link #create(NewUser)}: the account, or which unique value was taken. */
    sealed interface CreateResult {
        record Created(User user) implements CreateResult {}

        record EmailTaken() implements CreateResult {}

        record UsernameTaken() implements CreateResult {}

        record ApiKeyTaken() implements CreateResult {}
    }
}
