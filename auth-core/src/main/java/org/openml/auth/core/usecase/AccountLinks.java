package org.openml.auth.core.usecase;

import java.net.URI;
import org.openml.auth.core.domain.OneTimeToken;

/**
 * Builds the links mailed to users from the configured public URL, never from a request's Host
 * header (which an attacker controls).
 */
public record AccountLinks(URI publicUrl) {
    public AccountLinks {
        if (publicUrl == null || publicUrl.getScheme() == null || publicUrl.getHost() == null) {
            throw new IllegalArgumentException("public URL must be absolute, e.g. https://www.openml.org");
        }
        String text = publicUrl.toString();
        publicUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    URI confirmation(OneTimeToken token) {
        return URI.create(publicUrl + "/auth/confirm-email?token=" + token.value());
    }

    /** The sign-in page (which links to "forgot password"). */
    URI signIn() {
        return URI.create(publicUrl + "/auth/sign-in");
    }

    URI emailChangeConfirmation(OneTimeToken token) {
        return URI.create(publicUrl + "/auth/confirm-email-change?token=" + token.value());
    }

    URI emailChangeRevert(OneTimeToken token) {
        return URI.create(publicUrl + "/auth/revert-email-change?token=" + token.value());
    }

    URI passwordReset(OneTimeToken token) {
        return URI.create(publicUrl + "/auth/reset-password?token=" + token.value());
    }

    /** The account page: passkeys, API key, sign-out everywhere. */
    URI account() {
        return URI.create(publicUrl + "/account");
    }

    /** The page that asks for a password-reset link. */
    URI forgotPassword() {
        return URI.create(publicUrl + "/auth/forgot-password");
    }
}
