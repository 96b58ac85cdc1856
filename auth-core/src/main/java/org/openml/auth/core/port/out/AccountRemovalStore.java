package org.openml.auth.core.port.out;

import java.util.Objects;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;

/**
 * Deleting and anonymising accounts, each in one transaction across every table that holds
 * something of the account (the SQL implementation's foreign keys are not relied on: OpenML's
 * {@code users} may be a MyISAM table).
 */
public interface AccountRemovalStore {

    /**
     * Deletes the account and everything of it: group memberships, pending confirmation and reset
     * tokens, passkeys, session cut-offs, unproven-address marks, API-key audit and audit rows.
     *
     * @return false when there was no such account (nothing changed)
     */
    boolean delete(UserId user);

    /**
     * Keeps the row (so uploads keep their uploader id) but replaces everything personal: names,
     * address, username, password, image, API key and provider link, deactivates it, and removes
     * its passkeys, tokens, unproven-address mark, API-key audit and audit rows (they hold addresses).
     *
     * @return false when there was no such account (nothing changed)
     */
    boolean anonymise(UserId user, Anonymous replacement);

    /** What an anonymised account holds instead of its owner's data: unusable for any sign-in. */
    record Anonymous(Username username, Email email, String firstName, String lastName, PasswordHash password) {
        public Anonymous {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(lastName, "lastName");
            Objects.requireNonNull(password, "password");
        }

        /** OpenML's placeholders for account {@code id}: "Deleted user", {@code deleted-<id>@deleted.invalid}. */
        public static Anonymous of(UserId id) {
            return new Anonymous(new Username("deleted-" + id.value()), new Email("deleted-" + id.value() + "@deleted.invalid"),
                    "Deleted", "user", new PasswordHash("account_deleted"));
        }
    }
}
