package org.openml.auth.password.legacy;

import java.util.List;
import org.openml.auth.core.password.LegacyHashFormat;

/**
 * The entry point of this module: the non-Argon2 password hash formats found in OpenML
 * databases, ready to hand to {@code Argon2PasswordHasher}. They are only ever verified; a
 * successful sign-in re-hashes the password to the current Argon2 format.
 */
public final class LegacyHashFormats {

    private LegacyHashFormats() {}

    /** Every legacy format: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}) and unsalted MD5 (32 hex). */
    public static List<LegacyHashFormat> all() {
        return List.of(bcrypt(), unsaltedMd5());
    }

    /** bcrypt as PHP's {@code password_hash(PASSWORD_BCRYPT)} and OpenBSD write it; only the first 72 password bytes count. */
    public static LegacyHashFormat bcrypt() {
        return new BcryptHashFormat();
    }

    /** Unsalted MD5 of the UTF-8 password as 32 hex characters, which the legacy PHP site accepted. */
    public static LegacyHashFormat unsaltedMd5() {
        return new UnsaltedMd5HashFormat();
    }
}
