package org.openml.auth.core.usecase;

import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.port.out.RandomSource;

/** Fresh secrets and the password rules shared by the use cases. */
final class Secrets {
    private final RandomSource random;
    private final AuthPolicy policy;

    Secrets(RandomSource random, AuthPolicy policy) {
        this.random = random;
        this.policy = policy;
    }

    ApiKey newApiKey() {
        return ApiKey.fromRandomBytes(random.bytes(ApiKey.LENGTH / 2));
    }

    OneTimeToken newToken() {
        return OneTimeToken.fromRandomBytes(random.bytes(OneTimeToken.BYTES));
    }

    /** Checks a new password against the length rules; the byte cap bounds the hashing work. */
    RawPassword acceptableNewPassword(String password) {
        RawPassword raw = new RawPassword(password);
        if (raw.codePoints() < policy.minPasswordLength()) throw new InvalidInputException(ErrorCode.PASSWORD_TOO_SHORT);
        if (raw.utf8().length > policy.maxPasswordBytes()) throw new InvalidInputException(ErrorCode.PASSWORD_TOO_LONG);
        return raw;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
