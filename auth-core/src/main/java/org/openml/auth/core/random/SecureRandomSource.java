package org.openml.auth.core.random;

import java.security.SecureRandom;
import org.openml.auth.core.port.out.RandomSource;

/** The JDK's CSPRNG. */
public final class SecureRandomSource implements RandomSource {
    private final SecureRandom random = new SecureRandom();

    @Override
    public byte[] bytes(int count) {
        byte[] out = new byte[count];
        random.nextBytes(out);
        return out;
    }
}
