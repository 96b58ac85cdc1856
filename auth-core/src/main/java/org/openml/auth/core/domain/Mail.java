package org.openml.auth.core.domain;

import java.net.URI;
import java.util.Objects;

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
