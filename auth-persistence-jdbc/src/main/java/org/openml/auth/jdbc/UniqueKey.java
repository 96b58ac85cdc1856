package org.openml.auth.jdbc;

import org.openml.auth.core.port.out.UserStore.CreateResult;

/** The unique values of a {@code users} row that a sign-up can collide on. */
enum UniqueKey {
    EMAIL,
    USERNAME,
    API_KEY;

    CreateResult asResult() {
        return switch (this) {
            case EMAIL -> new CreateResult.EmailTaken();
            case USERNAME -> new CreateResult.UsernameTaken();
            case API_KEY -> new CreateResult.ApiKeyTaken();
        };
    }
}
