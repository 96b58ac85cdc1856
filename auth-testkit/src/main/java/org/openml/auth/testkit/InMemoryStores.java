package org.openml.auth.testkit;

import java.util.Objects;

/**
 * The account stores in memory, ready to hand to
 * {@code AuthServices.builder().users(…).confirmationTokens(…).resetTokens(…).apiKeys(…)}. Each call to
 * {@link #create()} gives fresh, empty, independent stores.
 *
 * @param users accounts
 * @param confirmationTokens email-confirmation tokens
 * @param resetTokens password-reset tokens
 */
public record InMemoryStores(
        InMemoryUserStore users,
        InMemoryEmailConfirmationTokenStore confirmationTokens,
        InMemoryPasswordResetTokenStore resetTokens) {

    public InMemoryStores {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(confirmationTokens, "confirmationTokens");
        Objects.requireNonNull(resetTokens, "resetTokens");
    }

    /** API keys: the user store holds them, as {@code users.session_hash} does in SQL. */
    public InMemoryUserStore apiKeys() {
        return users;
    }

    /** Fresh, empty stores. */
    public static InMemoryStores create() {
        return new InMemoryStores(new InMemoryUserStore(), new InMemoryEmailConfirmationTokenStore(),
                new InMemoryPasswordResetTokenStore());
    }
}
