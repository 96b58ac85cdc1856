package org.openml.auth.core.password;

/** The cost of Argon2 hashes this system writes. */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism, int saltBytes, int hashBytes) {

    /** What OpenML's Next.js app writes: argon2i m=16384,t=4,p=2, 16-byte salt, 32-byte hash. */
    public static final Argon2Parameters OPENML = new Argon2Parameters(16384, 4, 2, 16, 32);

    public Argon2Parameters {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1 || saltBytes < 8 || hashBytes < 16) {
            throw new IllegalArgumentException("Argon2 parameters below the algorithm's minimums");
        }
    }
}
