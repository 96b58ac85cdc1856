package org.openml.auth.password.legacy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.password.LegacyHashFormat;

/**
 * bcrypt in the modular crypt format: {@code $2a$}, {@code $2b$} and {@code $2y$} (PHP's
 * {@code password_hash(PASSWORD_BCRYPT)}), verified with at.favre bcrypt. {@code $2x$} (the
 * hashes of crypt_blowfish's sign-extension bug) is not recognised: it never matched a correct
 * password and none is expected in OpenML's data.
 *
 * <p>The password is hashed as its UTF-8 bytes. bcrypt uses only the first 72 bytes of a password,
 * so, as in PHP and OpenBSD, two passwords that share their first 72 bytes match the same hash;
 * the verifier truncates instead of refusing longer passwords (the library's default), so such
 * users can still sign in and be moved to Argon2.
 */
final class BcryptHashFormat implements LegacyHashFormat {

    /** {@code $2y$10$} + 22 characters of salt + 31 of hash, bcrypt's own base64 alphabet. */
    private static final Pattern SHAPE = Pattern.compile("^\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}$");
    /** bcrypt's minimum cost. */
    private static final int MIN_COST = 4;
    /**
     * Costs above this are refused rather than run: each step doubles the work, PHP writes 10, and a
     * cost-31 string would hold a hashing thread for days.
     */
    private static final int MAX_COST = 16;

    // The version is read from each hash (null); passwords over 72 bytes are truncated like PHP does.
    private static final BCrypt.Verifyer VERIFYER =
            BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    @Override
    public boolean recognises(String encoded) {
        return encoded != null
                && (encoded.startsWith("$2a$") || encoded.startsWith("$2b$") || encoded.startsWith("$2y$"));
    }

    @Override
    public boolean verify(RawPassword password, String encoded) {
        if (password == null || encoded == null) return false;
        var shape = SHAPE.matcher(encoded);
        if (!shape.matches()) return false;
        int cost = Integer.parseInt(shape.group(1));
        if (cost < MIN_COST || cost > MAX_COST) return false;
        try {
            BCrypt.Result result = VERIFYER.verify(password.utf8(), encoded.getBytes(StandardCharsets.US_ASCII));
            return result.validFormat && result.verified;
        } catch (RuntimeException e) {
            // The library throws for inputs its parser lets through but the cipher refuses: not a match.
            return false;
        }
    }

    @Override
    public String toString() {
        return "bcrypt";
    }
}
