package org.openml.auth.core.usecase;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.ApiKeyRegeneration;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.in.ApiKeys;
import org.openml.auth.core.port.out.ApiKeyStore;
import org.openml.auth.core.port.out.ApiKeyStore.ReplaceResult;
import org.openml.auth.core.port.out.UserStore;

final class ApiKeyService implements ApiKeys {
    private static final System.Logger LOG = System.getLogger(ApiKeyService.class.getName());
    /** A fresh 128-bit key colliding is astronomically rare; a few retries make it impossible in practice. */
    private static final int MAX_ATTEMPTS = 5;

    private final UserStore users;
    private final ApiKeyStore keys;
    private final Secrets secrets;
    private final Clock clock;
    private final RateLimitService limits;
    private final AccountActivity activity;

    ApiKeyService(UserStore users, ApiKeyStore keys, Secrets secrets, Clock clock, RateLimitService limits,
            AccountActivity activity) {
        this.limits = limits;
        this.activity = activity;
        this.users = users;
        this.keys = keys;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Optional<Principal> authenticate(String presentedKey) {
        Optional<ApiKey> key = ApiKey.parsePresented(presentedKey);
        if (key.isEmpty()) return Optional.empty();
        Optional<Principal> principal = keys.findPrincipal(key.get());
        if (principal.isEmpty()) {
            LOG.log(Level.DEBUG, "unknown API key …{0} (or its account is locked)", key.get().lastFour());
            return Optional.empty();
        }
        if (!principal.get().active()) {
            LOG.log(Level.DEBUG, "API key …{0} belongs to unconfirmed user {1}", key.get().lastFour(), principal.get().id());
            return Optional.empty();
        }
        return principal;
    }

    @Override
    public Optional<Principal> authenticate(String presentedKey, String ipAddress) {
        // From this node's memory only: valid keys pay no extra store I/O; only wrong keys are counted.
        limits.checkApiKeyClient(ipAddress);
        if (presentedKey == null || presentedKey.isBlank()) return Optional.empty();
        Optional<Principal> principal = authenticate(presentedKey);
        if (principal.isEmpty()) limits.apiKeyFailed(ipAddress); // throws (429) once this client has had too many
        return principal;
    }

    @Override
    public ShowResult show(UserId userId) {
        Optional<User> user = users.findById(userId);
        if (user.isEmpty()) return new ShowResult.UnknownAccount();
        if (user.get().apiKey().isPresent()) {
            return new ShowResult.Shown(user.get().apiKey().get(), keys.lastRegeneration(userId));
        }
        // Legacy rows and accounts made by OpenML's Next.js app have no key: give one on first request.
        return replace(userId, Optional.empty(), Optional.empty())
                .<ShowResult>map(key -> {
                    LOG.log(Level.INFO, "gave user {0} their first API key …{1}", userId, key.lastFour());
                    return new ShowResult.Shown(key, Optional.empty());
                })
                .orElseGet(ShowResult.UnknownAccount::new);
    }

    @Override
    public RegenerateResult regenerate(UserId userId, String ipAddress) {
        Optional<User> user = users.findById(userId);
        if (user.isEmpty()) return new RegenerateResult.UnknownAccount();
        ApiKeyRegeneration audit = new ApiKeyRegeneration(userId, clock.instant(), ipAddress);
        return replace(userId, user.get().apiKey(), Optional.of(audit))
                .<RegenerateResult>map(key -> {
                    LOG.log(Level.INFO, "user {0} regenerated their API key (old …{1}, new …{2})", userId,
                            user.get().apiKey().map(ApiKey::lastFour).orElse("none"), key.lastFour());
                    activity.record(userId, Type.API_KEY_REGENERATED, Method.SESSION, Outcome.SUCCESS, ipAddress, Optional.empty());
                    return new RegenerateResult.Regenerated(key);
                })
                .orElseGet(RegenerateResult.UnknownAccount::new);
    }

    /** Replaces the key (or gives one) without a regeneration record: the reclaim of a pre-claimed account. */
    Optional<ApiKey> renew(UserId userId) {
        Optional<User> user = users.findById(userId);
        if (user.isEmpty()) return Optional.empty();
        return replace(userId, user.get().apiKey(), Optional.empty());
    }

    /**
     * Sets a fresh key if the current one is still {@code expected}. When a concurrent request
     * replaced it first, its key is the winner and is returned, so both callers agree.
     */
    private Optional<ApiKey> replace(UserId userId, Optional<ApiKey> expected, Optional<ApiKeyRegeneration> audit) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ApiKey fresh = secrets.newApiKey();
            ReplaceResult result = keys.replace(userId, expected, fresh, audit);
            if (result instanceof ReplaceResult.Replaced) return Optional.of(fresh);
            if (result instanceof ReplaceResult.UnknownUser) return Optional.empty();
            if (result instanceof ReplaceResult.Conflict) {
                Optional<User> now = users.findById(userId);
                if (now.isEmpty()) return Optional.empty();
                if (now.get().apiKey().isPresent()) return now.get().apiKey();
                expected = Optional.empty(); // someone removed it meanwhile: try again from "no key"
            }
            // KeyTaken: another account holds this key; draw another.
        }
        throw new IllegalStateException("could not set a fresh API key after " + MAX_ATTEMPTS + " attempts");
    }
}
