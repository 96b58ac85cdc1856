package org.openml.auth.core.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869), as next-auth v4 uses it to derive its JWE key. */
public final class Hkdf {
    private static final int HASH_LEN = 32;

    private Hkdf() {}

    public static byte[] sha256(byte[] inputKey, byte[] salt, String info, int length) {
        if (length > 255 * HASH_LEN) throw new IllegalArgumentException("HKDF output too long");
        try {
            // An empty salt means HashLen zero bytes (RFC 5869 §2.2); HMAC pads keys with zeros anyway,
            // and the JDK refuses an empty key.
            byte[] extractKey = salt.length == 0 ? new byte[HASH_LEN] : salt;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(extractKey, "HmacSHA256"));
            byte[] prk = mac.doFinal(inputKey);

            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] infoBytes = info.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[length];
            byte[] block = new byte[0];
            int filled = 0;
            for (int counter = 1; filled < length; counter++) {
                mac.update(block);
                mac.update(infoBytes);
                mac.update((byte) counter);
                block = mac.doFinal();
                int n = Math.min(block.length, length - filled);
                System.arraycopy(block, 0, out, filled, n);
                filled += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
