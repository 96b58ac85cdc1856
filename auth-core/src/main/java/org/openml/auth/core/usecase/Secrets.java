package org.openml.auth.core.usecase;

import java.text.Normalizer;
import java.util.Locale;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.password.CommonPasswords;
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

    /**
     * Checks a new password against NIST SP 800-63B: NFKC-normalised (so the same characters typed
     * on another keyboard or OS match), at least the minimum length in code points, at most the byte
     * cap (which also bounds the hashing work), and not one of the most common passwords. No
     * composition rules. Returns the normalised password, the form that gets hashed.
     */
    RawPassword acceptableNewPassword(String password) {
        RawPassword raw = normalised(password);
        if (raw.codePoints() < policy.minPasswordLength()) throw new InvalidInputException(ErrorCode.PASSWORD_TOO_SHORT);
        if (raw.utf8().length > policy.maxPasswordBytes()) throw new InvalidInputException(ErrorCode.PASSWORD_TOO_LONG);
        if (CommonPasswords.contains(raw.value())) throw new InvalidInputException(ErrorCode.PASSWORD_TOO_COMMON);
        return raw;
    }

    /** Refuses a password that is the account's email, its local part or its username, ignoring case. */
    static void refuseIdentityLike(RawPassword password, Email email, String username) {
        String p = password.value().toLowerCase(Locale.ROOT);
        if (p.equals(email.canonical()) || p.equals(email.localPart().toLowerCase(Locale.ROOT))
                || (username != null && p.equals(username.toLowerCase(Locale.ROOT)))) {
            throw new InvalidInputException(ErrorCode.PASSWORD_MATCHES_IDENTITY);
        }
    }

    /** The NFKC form new passwords are hashed in (sign-in also tries it first). */
    static RawPassword normalised(String password) {
        return new RawPassword(Normalizer.normalize(password, Normalizer.Form.NFKC));
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
