package org.openml.auth.core.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.ErrorCode;

/**
 * What a signed-in person changes about their own account: the password, the names, the links to
 * GitHub/Google, and the account's existence. Each call is the whole flow (checks, limits, one
 * audit row, the notice mail), for the HTTP routes and for services that embed the core alike.
 *
 * <p>Changes that an intruder with a stolen session must not make (the password, deletion) need
 * the owner to be <em>recently signed in</em>: a sign-in within {@link #RECENT_SIGN_IN} of the
 * request, or the account's current password given in it. A wrong current password counts toward
 * the account's sign-in pause, as a wrong password at sign-in does.
 */
public interface AccountSettings {
    /** How recent a sign-in must be for changes that need one. */
    Duration RECENT_SIGN_IN = Duration.ofMinutes(10);

    /**
     * Changes the password (or sets one on an account that has none: passkey, GitHub or Google
     * sign-ups). An account with a password must give it ({@code currentPassword}); one without
     * must be recently signed in. Every other session of the account ends, on every node; the
     * result carries the caller's session re-issued. The new password follows the rules of
     * registration.
     *
     * @throws org.openml.auth.core.error.InvalidInputException for a new password the rules refuse
     */
    PasswordChangeResult changePassword(ChangePasswordCommand command);

    /**
     * Changes the first and/or last name (each trimmed, at most 50 characters, no control
     * characters; an absent one stays). The result carries the caller's session re-issued with them.
     *
     * @throws org.openml.auth.core.error.InvalidInputException for a name the rules refuse
     */
    ProfileResult updateProfile(UpdateProfileCommand command);

    /** The GitHub/Google accounts linked to {@code user} (OpenML keeps at most one), with when, where known. */
    List<LinkedAccount> linkedAccounts(UserId user);

    /**
     * Removes the link to {@code provider}'s account, refusing it when it is the last way left to
     * sign in (no password and no passkey).
     */
    UnlinkResult unlink(UserId user, String provider, String ipAddress);

    /**
     * Deletes the account by OpenML's rule: one with no uploads is deleted, one with uploads is
     * anonymised so its uploads keep their uploader id. Needs {@code confirm} to be {@code "DELETE"}
     * and a recent sign-in; in one transaction, every session, passkey, key, link and pending token
     * goes; a last notice goes to the old address.
     *
     * @throws org.openml.auth.core.error.InvalidInputException without the typed confirmation
     */
    DeletionResult deleteAccount(DeleteAccountCommand command);

    /**
     * @param session         the caller's session (its user and sign-in time)
     * @param currentPassword the account's password as typed, or null when not given
     * @param newPassword     the new password as typed
     */
    record ChangePasswordCommand(Session session, String currentPassword, String newPassword, String ipAddress) {
        public ChangePasswordCommand {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(ipAddress, "ipAddress");
        }

        @Override
        public String toString() {
            return "ChangePasswordCommand[user=" + session.userId() + "]";
        }
    }

    /** Names absent ({@code Optional.empty()}) stay as they are. */
    record UpdateProfileCommand(Session session, Optional<String> firstName, Optional<String> lastName, String ipAddress) {
        public UpdateProfileCommand {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(lastName, "lastName");
            Objects.requireNonNull(ipAddress, "ipAddress");
        }
    }

    /** {@code confirm} as typed (must be {@code "DELETE"}); {@code currentPassword} null when not given. */
    record DeleteAccountCommand(Session session, String confirm, String currentPassword, String ipAddress) {
        public DeleteAccountCommand {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(ipAddress, "ipAddress");
        }

        @Override
        public String toString() {
            return "DeleteAccountCommand[user=" + session.userId() + "]";
        }
    }

    /** A GitHub or Google account that signs in to this one; {@code linkedAt} empty for links older than the audit log. */
    record LinkedAccount(String provider, Optional<Instant> linkedAt) {
        public LinkedAccount {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(linkedAt, "linkedAt");
        }
    }

    /** A change was refused; {@code retryAfter} is set for a paused account (HTTP 429). */
    record Refused(ErrorCode code, Optional<Duration> retryAfter)
            implements PasswordChangeResult, ProfileResult, UnlinkResult, DeletionResult, Devices.EndResult,
            EmailChange.RequestResult, EmailChange.ConfirmResult, EmailChange.RevertResult, Refusal {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public Refused(ErrorCode code) {
            this(code, Optional.empty());
        }
    }

    sealed interface PasswordChangeResult permits PasswordChangeResult.Changed, Refused {
        /** The password is changed; {@code session} replaces the caller's (the others are ended). */
        record Changed(IssuedSession session) implements PasswordChangeResult {}
    }

    sealed interface ProfileResult permits ProfileResult.Updated, Refused {
        record Updated(User user, IssuedSession session) implements ProfileResult {}
    }

    sealed interface UnlinkResult permits UnlinkResult.Unlinked, Refused {
        record Unlinked() implements UnlinkResult {}
    }

    sealed interface DeletionResult permits DeletionResult.Deleted, DeletionResult.Anonymised, Refused {
        /** The account and everything of it is gone. */
        record Deleted() implements DeletionResult {}

        /** The account had uploads: it stays, as an anonymous uploader. */
        record Anonymised() implements DeletionResult {}
    }
}
