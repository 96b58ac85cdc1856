package org.openml.auth.core.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openml.auth.core.domain.CredentialId;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.UserId;

/**
 * Passkeys ({@code user_passkeys}). Implementations never return null, throw
 * {@link org.openml.auth.core.error.StoreUnavailableException} when the store fails, and report a
 * credential id that is already stored as {@link AddResult.CredentialTaken}, not as an exception.
 * Every method that changes a passkey takes its owner and touches nothing of another account.
 */
public interface PasskeyStore {

    /** Stores a new passkey; a credential id may be stored once across all accounts. */
    AddResult add(Passkey.New passkey);

    /**
     * The passkey with this credential id, whichever way the row stores it (raw bytes, or the
     * base64url text OpenML's Next.js app wrote); empty when none.
     */
    Optional<Passkey> findByCredentialId(CredentialId credentialId);

    /** The account's passkeys, oldest first; empty when it has none. */
    List<Passkey> listByUser(UserId owner);

    /** Renames the passkey if {@code owner} owns it; false (nothing changed) otherwise. */
    boolean rename(UserId owner, long passkeyId, String deviceName);

    /** Deletes the passkey if {@code owner} owns it; false (nothing changed) otherwise. */
    boolean remove(UserId owner, long passkeyId);

    /**
     * Records a sign-in: sets the counter to {@code newSignCount}, the backup state and the
     * last-used time, if the stored counter is still {@code expectedSignCount} (compare-and-set,
     * so two racing assertions cannot both move it). False when the passkey is gone or the
     * counter moved meanwhile.
     */
    boolean recordUse(long passkeyId, long expectedSignCount, long newSignCount, boolean backupState, Instant usedAt);

    /** The outcome of {@link #add}. */
    sealed interface AddResult {
        record Added(Passkey passkey) implements AddResult {}

        /** Some account already holds this credential id. Nothing written. */
        record CredentialTaken() implements AddResult {}
    }
}
