package org.openml.auth.core.password;

import org.openml.auth.core.domain.RawPassword;

/**
 * A non-Argon2 hash format still found in OpenML databases (bcrypt, unsalted MD5). Only ever
 * verified, never written: a successful sign-in re-hashes to the current Argon2 format.
 */
public interface LegacyHashFormat {

    /** Whether {@code encoded} is in this format. */
    boolean recognises(String encoded);

    /** Whether {@code password} matches; false for malformed input. */
    boolean verify(RawPassword password, String encoded);
}
