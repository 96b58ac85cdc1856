package org.openml.auth.core.port.in;

import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Session;

/**
 * Changing an account's address: nothing changes until the new address is proven by a link mailed
 * to it (24 h); then the old address gets a notice with an undo link (7 days) that puts it back,
 * ends every session and mails a reset link. Both links work once and are held hashed.
 */
public interface EmailChange {

    /**
     * Mails a confirmation link to the new address. Needs a recent sign-in or the current password
     * ({@link AccountSettings#RECENT_SIGN_IN}). A taken address is refused, except under strict
     * enumeration protection, where the answer is the same as for a free one (and nothing is mailed).
     *
     * @throws org.openml.auth.core.error.InvalidInputException for a missing or invalid address
     * @throws org.openml.auth.core.error.RateLimitedException when too many account mails were asked for
     */
    RequestResult request(RequestCommand command);

    /** Proves the new address and changes it; other sessions end; the caller's (if it is the account's) is re-issued. */
    ConfirmResult confirm(String token, Optional<Session> current, String ipAddress);

    /** Puts the old address back: every session ends, the password must be set anew (a reset link is mailed). */
    RevertResult revert(String token, String ipAddress);

    record RequestCommand(Session session, String newEmail, String currentPassword, String ipAddress) {
        public RequestCommand {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(ipAddress, "ipAddress");
        }

        @Override
        public String toString() {
            return "RequestCommand[user=" + session.userId() + "]";
        }
    }

    sealed interface RequestResult permits RequestResult.LinkSent, AccountSettings.Refused {
        /** The link is on its way (or, under strict enumeration protection, the address was taken). */
        record LinkSent() implements RequestResult {}
    }

    sealed interface ConfirmResult permits ConfirmResult.Changed, AccountSettings.Refused {
        /** {@code session}: the caller's re-issued, when the caller was signed in to this account. */
        record Changed(Email email, Optional<IssuedSession> session) implements ConfirmResult {}
    }

    sealed interface RevertResult permits RevertResult.Reverted, AccountSettings.Refused {
        record Reverted(Email email) implements RevertResult {}
    }
}
