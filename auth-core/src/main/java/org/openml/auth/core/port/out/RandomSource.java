package org.openml.auth.core.port.out;

/** Cryptographically strong randomness; injected so tests can make it predictable. */
public interface RandomSource {

    /** {@code count} fresh random bytes. */
    byte[] bytes(int count);
}
