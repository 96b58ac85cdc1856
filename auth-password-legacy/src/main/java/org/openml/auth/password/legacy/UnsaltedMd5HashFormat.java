package org.openml.auth.password.legacy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.password.LegacyHashFormat;

/**
 * Unsalted MD5 of the UTF-8 password, stored as 32 hex characters (either case), which the legacy
 * PHP site accepted. Compared in constant time.
 */
final class UnsaltedMd5HashFormat implements LegacyHashFormat {

    private static final Pattern SHAPE = Pattern.compile("^[0-9a-fA-F]{32}$");

    @Override
    public boolean recognises(String encoded) {
        return encoded != null && SHAPE.matcher(encoded).matches();
    }

    @Override
    public boolean verify(RawPassword password, String encoded) {
        if (password == null || !recognises(encoded)) return false;
        byte[] stored = HexFormat.of().parseHex(encoded); // accepts either case
        return MessageDigest.isEqual(md5(password.utf8()), stored);
    }

    private static byte[] md5(byte[] input) {
        try {
            return MessageDigest.getInstance("MD5").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "unsalted MD5";
    }
}
