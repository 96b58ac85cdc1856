package org.openml.auth.jdbc;

import java.time.Instant;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/** New accounts for the SQLite tests; {@code n} makes email, username and key distinct. */
final class Users {
    static final PasswordHash HASH = new PasswordHash("$argon2i$v=19$m=16384,t=4,p=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA");
    static final Instant CREATED_AT = Instant.parse("2024-05-06T07:08:09.987Z");

    private Users() {}

    static NewUser numbered(int n) {
        return new NewUser(new Username("user" + n), new Email("User" + n + "@Example.org"), "First" + n, "Last" + n,
                HASH, false, new ApiKey(String.format("%032x", 0xA0000L + n)), "192.0.2.1", CREATED_AT);
    }

    static User create(UserStore store, NewUser user) {
        CreateResult result = store.create(user);
        if (!(result instanceof CreateResult.Created created)) throw new AssertionError("not created: " + result);
        return created.user();
    }
}
