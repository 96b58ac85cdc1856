package org.openml.auth.core.port.out;

import java.time.Instant;
import java.util.Optional;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;

/**
 * Short-lived, single-use ceremony state shared by all nodes: WebAuthn challenges (with a pending
 * passkey sign-up's data), OAuth {@code state} with its PKCE verifier and nonce. The browser holds
 * a random id in a cookie; the store holds only its hash, so a leaked table binds no browser.
 */
public interface ChallengeStore {

    /** Longest payload a store must accept, in characters. */
    int MAX_PAYLOAD_LENGTH = 8192;

    /**
     * Stores {@code payload} under {@code key} for {@code purpose} until {@code expiresAt},
     * replacing anything stored under the same key.
     */
    void put(TokenHash key, String purpose, String payload, Instant expiresAt);

    /**
     * Removes the entry and returns its payload if it was stored for {@code purpose} and has not
     * expired at {@code now}. The entry is gone afterwards in every case, so a challenge is used
     * at most once, also when two nodes race for it.
     */
    Optional<String> take(TokenHash key, String purpose, Instant now);

    /** Deletes entries that expired before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
