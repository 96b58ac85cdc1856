package org.openml.auth.testkit.contract;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Username;

/** Distinct, valid values for contract tests; one instance per test class instance. */
final class Samples {
    static final PasswordHash HASH = new PasswordHash(
            "$argon2i$v=19$m=16384,t=4,p=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g");
    static final PasswordHash OTHER_HASH = new PasswordHash("$2y$10$abcdefghijklmnopqrstuuQ0kF0N8c1Jm8l3Cz3k0K2y3l4m5n6o7");
    /** Has sub-second parts on purpose: stores keep seconds ({@code created_on}) or milliseconds (token tables). */
    static final Instant CREATED_AT = Instant.parse("2024-05-06T07:08:09.987654321Z");

    private final AtomicLong counter = new AtomicLong();

    long next() {
        return counter.incrementAndGet();
    }

    ApiKey apiKey() {
        return new ApiKey(String.format("%032x", next()));
    }

    Username username() {
        return new Username("user" + next());
    }

    Email email() {
        return new Email("person" + next() + "@example.org");
    }

    TokenHash tokenHash() {
        return new OneTimeToken(String.format("%064x", next())).hash();
    }

    NewUser user() {
        return user(email(), username(), apiKey());
    }

    NewUser user(Email email, Username username, ApiKey key) {
        return new NewUser(username, email, "Ada", "Lovelace", HASH, false, key, "192.0.2.10", CREATED_AT);
    }
}
