package org.openml.auth.core.usecase;

import java.util.Optional;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/**
 * Creates the account of a sign-up, the same way for the three paths (password, passkey,
 * GitHub/Google): the first free username of the path's {@link UsernamePolicy.Candidates}, and on
 * to the next one or a fresh API key when a concurrent sign-up took ours between the look-up and
 * the insert (the store re-checks inside its transaction).
 */
final class AccountCreation {
    /** Concurrent sign-ups may take the username or key we picked; retry a few times, then give up. */
    static final int MAX_CREATE_ATTEMPTS = 20;

    private final UserStore users;
    private final Secrets secrets;

    AccountCreation(UserStore users, Secrets secrets) {
        this.users = users;
        this.secrets = secrets;
    }

    /**
     * The new account; empty when the address was taken meanwhile (a concurrent sign-up).
     *
     * @param draft the account, its username replaced by the first free candidate
     * @throws IllegalStateException when every candidate is taken, or conflicts go on past
     *     {@value #MAX_CREATE_ATTEMPTS} attempts
     * @throws org.openml.auth.core.error.InvalidInputException when the store cannot hold a value
     *     (e.g. names outside the legacy latin1 table's characters)
     */
    Optional<User> create(NewUser draft, UsernamePolicy.Candidates usernames) {
        NewUser next = draft;
        int attempt = 0;
        for (int tries = 0; tries < MAX_CREATE_ATTEMPTS; tries++) {
            while (users.findByUsername(usernames.get(attempt)).isPresent()) attempt++;
            next = next.withUsername(usernames.get(attempt));
            CreateResult result = users.create(next);
            if (result instanceof CreateResult.Created c) return Optional.of(c.user());
            if (result instanceof CreateResult.EmailTaken) return Optional.empty();
            if (result instanceof CreateResult.UsernameTaken) attempt++;
            if (result instanceof CreateResult.ApiKeyTaken) next = next.withApiKey(secrets.newApiKey());
        }
        throw new IllegalStateException("could not create the account after " + MAX_CREATE_ATTEMPTS + " conflicting attempts");
    }
}
