package org.openml.auth.core.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openml.auth.core.domain.Session;

/**
 * Where an account is signed in, and signing one of those devices out (on every node, from its
 * next request). "Sign out everywhere" stays {@link Sessions#signOutEverywhere}.
 */
public interface Devices {

    /** The account's live sessions (not ended, revoked or expired), newest sign-in first; {@code current} marks the caller's. */
    List<Device> list(Session current);

    /** Ends the account's session {@code sessionId} (the caller's own too); one audit row. */
    EndResult signOut(Session current, String sessionId, String ipAddress);

    /** A live session as the owner sees it. */
    record Device(String id, boolean current, Instant signedInAt, Instant lastSeenAt, String method, String ipAddress,
            String device) {
        public Device {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(signedInAt, "signedInAt");
            Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        }
    }

    sealed interface EndResult permits EndResult.Ended, AccountSettings.Refused {
        record Ended() implements EndResult {}
    }
}
