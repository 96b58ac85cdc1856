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

    /** The account's key, giving it one first if it has none (legacy rows), and when it was last regenerated. */
    ShowResult show(UserId user);

    /**
     * Replaces the account's key; the old one stops working at once. When two regenerations race,
     * one key wins and both callers get it.
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
