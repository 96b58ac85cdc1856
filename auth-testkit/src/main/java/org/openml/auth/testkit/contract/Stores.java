package org.openml.auth.testkit.contract;

import java.util.Objects;
import org.openml.auth.core.port.out.OneTimeTokenStore;
import org.openml.auth.core.port.out.UserStore;

/**
 * The stores one {@link OneTimeTokenStoreContract} test works on. Both must share one database,
 * because a token belongs to a user that {@link #users()} created (the SQL tables have foreign keys).
 *
 * @param users  accounts
 * @param tokens the token store under test (confirmation or reset)
 */
public record Stores(UserStore users, OneTimeTokenStore tokens) {
    public Stores {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(tokens, "tokens");
    }
}
