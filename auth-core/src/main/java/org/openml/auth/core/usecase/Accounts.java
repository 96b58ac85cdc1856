package org.openml.auth.core.usecase;

import java.util.Optional;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.port.out.UserStore;

/** Look-ups that decide whose account a request is about. */
final class Accounts {
    private Accounts() {}

    /**
     * The account with exactly this address (ignoring case). A store's look-up follows its
     * database's collation: OpenML's legacy {@code latin1_swedish_ci} also matches {@code vìctim@}
     * to {@code victim@}, which is another mailbox. Such a match is no match here: a reset link, a
     * sign-in or a provider link for one address never reaches the account of another.
     */
    static Optional<User> byEmail(UserStore users, Email email) {
        return users.findByEmail(email).filter(u -> u.email().sameAddressAs(email));
    }
}
