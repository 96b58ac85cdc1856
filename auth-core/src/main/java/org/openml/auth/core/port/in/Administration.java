package org.openml.auth.core.port.in;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.ErrorCode;

/**
 * What an operator (the CLI) or an admin does to someone else's account. Each action writes an
 * audit row on that account naming who acted ({@link Actor}). Nothing here needs the owner's
 * password or a recent sign-in: the caller's authority is the operator's shell or the admin group.
 */
public interface Administration {

    /**
     * The actor for a signed-in account when it may administer others: an active, unlocked member
     * of OpenML's {@code admin} group (group 1), read afresh on every call so a removal from the
     * group takes effect at once; empty for everyone else.
     */
    Optional<Actor> admin(UserId signedIn, String ipAddress);

    /** Accounts whose address, username or names contain {@code text}, oldest first, at most {@code limit} (1–100). */
    List<User> find(String text, int limit);

    /**
     * As {@link #find(String, int)}, for an admin: the search is written to the audit log of the
     * admin's own account (how many were found, not what was searched for).
     */
    List<User> find(Actor actor, String text, int limit);

    /** The account named by its id, address or username (tried in that order); empty when none. */
    Optional<Account> show(String idEmailOrUsername);

    /** Marks the account's address confirmed (and proven), as the mailed link would. */
    Result confirm(Actor actor, UserId user);

    /** Mails the account a password-reset link (the owner's own flow, without its per-address limit). */
    Result sendReset(Actor actor, UserId user);

    /** Locks the account: every sign-in method and API key refused, every session ended, until {@link #unlock}. */
    Result lock(Actor actor, UserId user);

    /** Lifts a lock. */
    Result unlock(Actor actor, UserId user);

    /** Ends every session of the account on every node. */
    Result revokeSessions(Actor actor, UserId user);

    /** Deletes the account by OpenML's rule (anonymised when it has uploads), as the owner's deletion does. */
    Result delete(Actor actor, UserId user);

    /** Runs {@code action} on the account: the one dispatch the command line and the admin routes share. */
    default Result perform(Actor actor, Action action, UserId user) {
        return switch (action) {
            case CONFIRM -> confirm(actor, user);
            case SEND_RESET -> sendReset(actor, user);
            case LOCK -> lock(actor, user);
            case UNLOCK -> unlock(actor, user);
            case REVOKE_SESSIONS -> revokeSessions(actor, user);
            case DELETE -> delete(actor, user);
        };
    }

    /** The actions on one account, by the word the command line, the routes and the audit rows use. */
    enum Action {
        CONFIRM, SEND_RESET, LOCK, UNLOCK, REVOKE_SESSIONS, DELETE;

        /** {@code send-reset}, {@code revoke-sessions}, {@code lock}, … */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The action with this word; empty for any other text. */
        public static Optional<Action> named(String word) {
            return Arrays.stream(values()).filter(a -> a.word().equals(word)).findFirst();
        }
    }

    /** Who acts: an admin (their account id) or the operator's shell (none). */
    record Actor(Optional<UserId> admin, String ipAddress) {
        public Actor {
            Objects.requireNonNull(admin, "admin");
            Objects.requireNonNull(ipAddress, "ipAddress");
        }

        /** The operator's command line. */
        public static Actor operator() {
            return new Actor(Optional.empty(), "local");
        }

        /** How the audit row names the actor. */
        public String label() {
            return admin.map(id -> "admin " + id.value()).orElse("operator");
        }
    }

    /** An account as an operator sees it: never its password hash or API key. */
    record Account(User user, boolean addressProven, boolean locked, Optional<String> linkedProvider, int passkeys,
            int liveSessions) {
        public Account {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(linkedProvider, "linkedProvider");
        }
    }

    /** What an action did. */
    sealed interface Result permits Result.Done, Result.Refused {
        /** {@code what} says it in words ("confirmed", "already confirmed", "deleted", "anonymised", …). */
        record Done(String what) implements Result {}

        record Refused(ErrorCode code) implements Result, Refusal {}
    }
}
