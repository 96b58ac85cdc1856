package org.openml.auth.core.port.in;

import java.util.Optional;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.ApiKeyRegeneration;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.ErrorCode;

/**
 * Personal API keys: showing and regenerating one's own, and authenticating a key another
 * service was given. Embedding services call {@link #authenticate(String)} directly:
 *
 * <pre>{@code
 * Optional<Principal> who = auth.apiKeys().authenticate(request.getParameter("api_key"));
 * if (who.isEmpty()) return unauthorized();          // missing, malformed, unknown or replaced key
 * if (!who.get().mayWrite()) return forbidden();      // read-only group
 * }</pre>
 */
public interface ApiKeys {

    /**
     * The owner of a presented key. Surrounding whitespace is trimmed; anything that is not 32
     * lowercase hex characters is refused before any look-up. Keys of unconfirmed accounts are
     * refused too. No cache: a regenerated key is refused at once, on every node.
     *
     * @return empty for a missing, malformed, unknown or replaced key, or an unconfirmed account
     */
    Optional<Principal> authenticate(String presentedKey);

    /**
     * As {@link #authenticate(String)}, with the per-client-address limit on wrong keys that the
     * {@code whoami} route applies: a client blocked for too many wrong keys is refused from this
     * node's memory (valid keys pay no extra I/O), and each wrong key is counted. A missing key is
     * not counted.
     *
     * @throws org.openml.auth.core.error.RateLimitedException when the client is blocked, or this wrong key blocked it
     */
    Optional<Principal> authenticate(String presentedKey, String ipAddress);

    /** The account's key, giving it one first if it has none (legacy rows), and when it was last regenerated. */
    ShowResult show(UserId user);

    /**
     * Replaces the account's key; the old one stops working at once. When two regenerations race,
     * one key wins and both callers get it. Written to the audit log and mailed to the owner as a
     * security notice (with the client's address).
     */
    RegenerateResult regenerate(UserId user, String ipAddress);

    sealed interface ShowResult {
        record Shown(ApiKey key, Optional<ApiKeyRegeneration> lastRegeneration) implements ShowResult {}

        /** The account does not exist (any more). */
        record UnknownAccount() implements ShowResult, Refusal {
            @Override
            public ErrorCode code() {
                return ErrorCode.UNAUTHORIZED;
            }
        }
    }

    sealed interface RegenerateResult {
        record Regenerated(ApiKey key) implements RegenerateResult {}

        /** The account does not exist (any more). */
        record UnknownAccount() implements RegenerateResult, Refusal {
            @Override
            public ErrorCode code() {
                return ErrorCode.UNAUTHORIZED;
            }
        }
    }
}
