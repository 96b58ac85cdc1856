package org.openml.auth.core.domain;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the core asks a {@code Mailer} to deliver. The mailer renders it (subject, text and
 * HTML bodies); the core decides only who gets which message with which link.
 */
public sealed interface Mail {
    Email to();

    /** The name to greet the recipient with. */
    String recipientName();

    /** The link the message exists to deliver. */
    URI link();

    /** "Welcome to OpenML!": confirm the address of a new account. */
    record Confirmation(Email to, String recipientName, URI link) implements Mail {
        public Confirmation {
            Objects.requireNonNull(to);
            Objects.requireNonNull(recipientName);
            Objects.requireNonNull(link);
        }
    }

    /** "Reset Your OpenML Password": a link to choose a new password. */
    record PasswordReset(Email to, String recipientName, URI link) implements Mail {
        public PasswordReset {
            Objects.requireNonNull(to);
            Objects.requireNonNull(recipientName);
            Objects.requireNonNull(link);
        }
    }

    /**
     * A security notification: something changed on the account (password, passkey, API key, a
     * GitHub/Google link). Says what, when and from which address, and what to do if it was not
     * the owner: {@link #link()} is the account page (passkeys, sign-out everywhere),
     * {@link #passwordResetLink()} the page to ask for a reset link.
     *
     * @param change what happened
     * @param at when
     * @param ipAddress the client address it came from
     * @param detail a short label: the passkey's name, the provider's name; shown escaped
     */
    record SecurityNotice(Email to, String recipientName, URI link, Change change, Instant at, String ipAddress,
            Optional<String> detail, URI passwordResetLink, List<String> passkeys) implements Mail {
        public SecurityNotice {
            Objects.requireNonNull(to);
            Objects.requireNonNull(recipientName);
            Objects.requireNonNull(link);
            Objects.requireNonNull(change);
            Objects.requireNonNull(at);
            Objects.requireNonNull(ipAddress);
            Objects.requireNonNull(detail);
            Objects.requireNonNull(passwordResetLink);
            passkeys = List.copyOf(passkeys);
        }

        /** A notice that lists no passkeys. */
        public SecurityNotice(Email to, String recipientName, URI link, Change change, Instant at, String ipAddress,
                Optional<String> detail, URI passwordResetLink) {
            this(to, recipientName, link, change, at, ipAddress, detail, passwordResetLink, List.of());
        }

        /** The changes users are told about. */
        public enum Change {
            /** The password was set with a reset link; {@link #passkeys()} lists the passkeys that still sign in. */
            PASSWORD_CHANGED,
            PASSKEY_ADDED,
            API_KEY_REGENERATED,
            ACCOUNT_LINKED,
            /**
             * The owner proved the address (GitHub/Google, or a password reset) of an account whose
             * address nobody had proven: what a pre-claimer could have set up was removed.
             */
            ACCOUNT_RECLAIMED,
            /** The owner changed the password on the account page ({@code detail} "set" when the account had none). */
            PASSWORD_UPDATED,
            /** The owner removed the link to a GitHub or Google account ({@code detail} names it). */
            ACCOUNT_UNLINKED,
            /** The last notice: the account was deleted ({@code detail} "anonymised" when its uploads keep it). */
            ACCOUNT_DELETED,
            /**
             * Mailed to the old address when the account's address was changed: {@code link} is the
             * undo link (7 days), {@code detail} the new address, masked.
             */
            EMAIL_CHANGED
        }
    }

    /**
     * "Confirm your email": a passkey sign-up proves an authenticator, not the address, so the
     * address's owner is asked to confirm. Says what to do when it was not them (nothing: do not
     * click).
     */
    /** The link that proves a new address before an account switches to it; mailed to the new address. */
    record EmailChangeConfirmation(Email to, String recipientName, URI link) implements Mail {
        public EmailChangeConfirmation {
            Objects.requireNonNull(to);
            Objects.requireNonNull(recipientName);
            Objects.requireNonNull(link);
        }
    }

    record PasskeySignUpConfirmation(Email to, String recipientName, URI link) implements Mail {
        public PasskeySignUpConfirmation {
            Objects.requireNonNull(to);
            Objects.requireNonNull(recipientName);
            Objects.requireNonNull(link);
        }
    }

    /**
     * "Someone tried to register with your address": sent to an account's owner instead of an
     * "email already registered" answer when enumeration protection is on. The link is the
     * sign-in page (which also offers "forgot password").
     */
    record RegistrationAttempt(Email to, String recipientName, URI link) implements Mail {
        public RegistrationAttempt {
            Objects.requireNonNull(to);
            Objects.requireNonNull(recipientName);
            Objects.requireNonNull(link);
        }
    }
}
