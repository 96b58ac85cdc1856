package org.openml.auth.core.port.out;

import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;

/** Makes and checks password hashes. Implementations are thread-safe. */
public interface PasswordHasher {

    /** A new hash in the current format. */
    PasswordHash hash(RawPassword password);

    /** Whether {@code password} matches {@code hash}; false (never an exception) for unknown formats. */
    boolean verify(RawPassword password, PasswordHash hash);

    /** Whether {@code hash} is in an older or weaker format and should be replaced after a sign-in. */
    boolean needsRehash(PasswordHash hash);

    /**
     * Refuses at once when new work would be refused as busy right now (a bounded pool whose
     * threads and queue are full), so a caller can say no before doing anything else. A hint
     * only: work may still be refused, or accepted, a moment later. Unbounded hashers never refuse.
     *
     * @throws org.openml.auth.core.error.BusyException when the hasher is saturated
     */
    default void checkCapacity() {}
}
