package org.openml.auth.core.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.DeviceSession;
import org.openml.auth.core.domain.UserId;

/**
 * The server-side record of each session ({@code user_session}), so an owner sees where the account
 * is signed in and signs one device out on every node. Read on every session read together with
 * the user's cut-off, so that costs one round trip, not two.
 */
public interface DeviceSessionStore {

    /**
     * In one read: the user's "valid after" cut-off (the same as {@link SessionRevocationStore#validAfter})
     * and what a session read needs of the session's record (only that: it runs on every read).
     */
    Check check(UserId user, String sessionId);

    /** Records a session seen for the first time; does nothing when its id is already recorded. */
    void record(DeviceSession session);

    /** Moves the session's last-seen time to {@code at} (never backwards). */
    void touch(String sessionId, Instant at);

    /** The user's recorded sessions, newest sign-in first (ended ones too). */
    List<DeviceSession> listByUser(UserId user);

    /** Ends the session if {@code user} owns it and it is not ended yet; true when this call ended it. */
    boolean end(UserId user, String sessionId, Instant at);

    /** Deletes the records of sessions last seen before {@code before} (they are dead by then); returns how many. */
    int purgeSeenBefore(Instant before);

    /** What {@link #check} found; {@code record} is empty when the session is not recorded (for this user). */
    record Check(Optional<Instant> validAfter, Optional<Seen> record) {
        public Check {
            Objects.requireNonNull(validAfter, "validAfter");
            Objects.requireNonNull(record, "record");
        }
    }

    /** A recorded session's state as a session read needs it. */
    record Seen(Instant lastSeenAt, Optional<Instant> endedAt) {
        public Seen {
            Objects.requireNonNull(lastSeenAt, "lastSeenAt");
            Objects.requireNonNull(endedAt, "endedAt");
        }
    }
}
