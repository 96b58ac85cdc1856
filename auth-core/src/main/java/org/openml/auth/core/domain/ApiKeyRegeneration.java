package org.openml.auth.core.domain;

import java.time.Instant;
import java.util.Objects;

/** The audit record of one API-key regeneration: who, when, from which address. */
public record ApiKeyRegeneration(UserId userId, Instant at, String ipAddress) {
    public ApiKeyRegeneration {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        ipAddress = ipAddress == null || ipAddress.isBlank() ? "unknown" : ipAddress;
        if (ipAddress.length() > 45) ipAddress = ipAddress.substring(0, 45);
    }
}
