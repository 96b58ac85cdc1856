package org.openml.auth.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a provider says signed in, after the provider adapter checked the answer (ID-token
 * signature, issuer, audience, expiry and nonce for OpenID Connect; the API's own answer for
 * GitHub). {@code emailVerified} is true only when the provider vouches for the address.
 *
 * @param identity the provider and its stable id of the account
 * @param email the address the provider gives (GitHub: the primary verified one), if any
 * @param emailVerified whether the provider confirmed that the user owns {@code email}
 * @param firstName given name, or empty
 * @param lastName family name, or empty
 * @param name the full display name the provider gives, or empty
 * @param image avatar URL, if any
 */
public record OAuthProfile(
        ExternalIdentity identity,
        Optional<Email> email,
        boolean emailVerified,
        String firstName,
        String lastName,
        String name,
        Optional<String> image) {

    public OAuthProfile {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(image, "image");
        firstName = firstName == null ? "" : firstName.strip();
        lastName = lastName == null ? "" : lastName.strip();
        name = name == null ? "" : name.strip();
        if (email.isEmpty() && emailVerified) throw new IllegalArgumentException("no email to be verified");
    }

    /** The verified address, or empty when there is none or the provider did not verify it. */
    public Optional<Email> verifiedEmail() {
        return emailVerified ? email : Optional.empty();
    }

    @Override
    public String toString() {
        return "OAuthProfile[" + identity + ", email=" + email.map(Email::masked).orElse("-") + ", verified=" + emailVerified + "]";
    }
}
