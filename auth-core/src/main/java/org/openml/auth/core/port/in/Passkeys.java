package org.openml.auth.core.port.in;

import java.util.List;
import java.util.Objects;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.ErrorCode;

/**
 * Passkeys (WebAuthn): sign up and sign in with one, add more to an account, list, rename and
 * remove them. Every ceremony has two steps: {@code start…} gives the browser its options and a
 * {@link Ceremony#id()} to keep in an HttpOnly cookie; {@code finish…} takes that id back with the
 * browser's credential. A ceremony lives 5 minutes, is used once, and belongs to the browser that
 * holds its id.
 *
 * <p>Sessions come only from a server-verified assertion: nothing a client sends about a user is
 * trusted. A passkey sign-up writes the account only once its credential verified.
 */
public interface Passkeys {

    /**
     * Starts a passkey sign-up; nothing is written to the account store yet. Every ceremony step
     * counts against the client address's passkey limit first.
     *
     * @throws org.openml.auth.core.error.RateLimitedException when the client address is over its limit
     * @throws org.openml.auth.core.error.InvalidInputException for missing fields, an invalid email
     *     or a name over 50 characters
     */
    SignUpStart startSignUp(SignUpCommand command);

    /**
     * Verifies the new credential and only then creates the active account (members group, API
     * key, username from the names) with the passkey ({@code deviceName} default "Primary Device"),
     * writes "account created" and "signed in" to the audit log, queues the confirmation mail and
     * issues the session.
     */
    SignUpResult finishSignUp(String ceremonyId, String credentialJson, String deviceName, String ipAddress);

    /** Starts a discoverable-credential sign-in (the authenticator picks the account). */
    Ceremony startSignIn(String ipAddress);

    /**
     * Verifies an assertion: signature, challenge, origin, RP ID, user handle ↔ credential owner,
     * signature counter, active account. Every failure after the challenge gives the same answer.
     * A success is written to the audit log and gets its session; a refusal goes to the
     * application log only (which account a refused assertion claims is unverified input).
     */
    SignInResult finishSignIn(String ceremonyId, String credentialJson, String ipAddress);

    /** Starts adding a passkey to a signed-in account, excluding the authenticators it already has. */
    AddStart startAdding(UserId user, String ipAddress);

    /** How long after a password sign-in a passkey may be saved without asking (conditional create). */
    java.time.Duration CONDITIONAL_CREATE_WINDOW = java.time.Duration.ofMinutes(5);

    /**
     * Starts a conditional create: a passkey the browser's password manager saves on its own right
     * after a password sign-in ({@code navigator.credentials.create({mediation:"conditional"})}).
     * Only for a session that signed in with a password within {@link #CONDITIONAL_CREATE_WINDOW},
     * and only when the offer is on ({@code AuthServices.Builder#passkeyConditionalCreate}); else
     * {@link ErrorCode#PASSKEY_CONDITIONAL_CREATE_UNAVAILABLE}. Its {@link #finishAdding} accepts a
     * response without the user-presence flag; no other ceremony does.
     */
    AddStart startConditionalAdding(org.openml.auth.core.domain.Session session, String ipAddress);

    /**
     * Verifies and stores the new passkey ({@code deviceName} default "Unnamed Device"), writes it
     * to the audit log and mails the owner a security notice.
     */
    AddResult finishAdding(UserId user, String ceremonyId, String credentialJson, String deviceName, String ipAddress);

    /** The account's passkeys, oldest first. */
    List<Passkey> list(UserId user);

    /** The relying party's id, for WebAuthn's Signal API on the pages. */
    String rpId();

    /** Who keeps {@code passkey} ("iCloud Keychain", "1Password", …), told by its AAGUID; empty when unknown. */
    java.util.Optional<org.openml.auth.core.domain.PasskeyProvider> provider(Passkey passkey);

    /** Renames one of the account's passkeys (audited); another account's passkey is "not found". */
    ChangeResult rename(UserId user, String passkeyId, String deviceName, String ipAddress);

    /**
     * Removes one of the account's passkeys. Refuses to remove the last passkey of an account
     * without a usable password ({@link ErrorCode#LAST_PASSKEY}), which would leave no way to sign in
     * except a password reset by mail. A removal is audited with the passkey's name.
     */
    ChangeResult remove(UserId user, String passkeyId, String ipAddress);

    /** Raw sign-up input, validated by the use case; {@code ipAddress} is the client's. */
    record SignUpCommand(String firstName, String lastName, String email, String ipAddress) {
        public SignUpCommand {
            Objects.requireNonNull(ipAddress, "ipAddress");
        }

        @Override
        public String toString() {
            return "SignUpCommand[email=" + Email.parse(email).map(Email::masked).orElse("?") + "]";
        }
    }

    /**
     * A started ceremony.
     *
     * @param id the browser's handle on it (64 hex characters) — keep it in an HttpOnly cookie, never in a page
     * @param optionsJson the WebAuthn options JSON for the browser
     */
    record Ceremony(String id, String optionsJson) {
        public Ceremony {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(optionsJson, "optionsJson");
        }

        @Override
        public String toString() {
            return "Ceremony[redacted]";
        }
    }

    /** A refusal carrying its code. */
    record Refused(ErrorCode code) implements SignUpStart, SignUpResult, SignInResult, AddStart, AddResult, ChangeResult, Refusal {
        public Refused {
            Objects.requireNonNull(code, "code");
        }
    }

    sealed interface SignUpStart permits SignUpStart.Started, Refused {
        record Started(Ceremony ceremony) implements SignUpStart {}
    }

    sealed interface SignUpResult permits SignUpResult.SignedUp, Refused {
        /** Signed up and signed in: hand {@code session} to the client. */
        record SignedUp(User user, Passkey passkey, IssuedSession session) implements SignUpResult {}
    }

    sealed interface SignInResult permits SignInResult.SignedIn, Refused {
        /** Signed in: hand {@code session} to the client. */
        record SignedIn(User user, Passkey passkey, IssuedSession session) implements SignInResult {}
    }

    sealed interface AddStart permits AddStart.Started, Refused {
        record Started(Ceremony ceremony) implements AddStart {}
    }

    sealed interface AddResult permits AddResult.Added, Refused {
        record Added(Passkey passkey) implements AddResult {}
    }

    sealed interface ChangeResult permits ChangeResult.Changed, Refused {
        record Changed() implements ChangeResult {}
    }
}
