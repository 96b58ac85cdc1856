package org.openml.auth.testkit.contract;

import java.util.Objects;
import org.openml.auth.core.port.out.EmailConfirmationTokenStore;
import org.openml.auth.core.port.out.PasswordResetTokenStore;
import org.openml.auth.core.port.out.UserStore;

/**
 * The stores one contract test works on. All three must share one database, because a token
 * belongs to a user that {@link #users()} created (the SQL tables have foreign keys).
 *
 * @param users accounts
 * @param confirmationTokens email-confirmation tokens
 * @param resetTokens password-reset tokens
 */
public record Stores(UserStore users, EmailConfirmationTokenStore confirmationTokens, PasswordResetTokenStore resetTokens) {
    public Stores {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(confirmationTokens, "confirmationTokens");
        Objects.requireNonNull(resetTokens, "resetTokens");
    }
}
