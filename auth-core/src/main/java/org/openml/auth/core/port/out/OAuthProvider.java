package org.openml.auth.core.port.out;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.OAuthProfile;

/**
 * A sign-in provider speaking the OAuth 2.0 authorization-code flow with PKCE (GitHub), or
 * OpenID Connect on top of it (Google). The use case keeps state, verifier and nonce; the
 * provider builds the URL the browser goes to and turns the returned code into a checked profile.
 * Implementations are thread-safe.
 */
public interface OAuthProvider {

    /** The id used in routes and in {@code users.external_source}: {@code github}, {@code google}. */
    String id();

    /** The name shown on buttons: {@code GitHub}, {@code Google}. */
    String displayName();

    /**
     * Where to send the browser: the provider's authorization endpoint with client id, exact
     * redirect URI, scopes, {@code state}, the S256 code challenge and (OpenID Connect) the nonce.
     *
     * @throws org.openml.auth.core.error.AuthException when the provider's configuration cannot be
     *     fetched (e.g. its discovery document)
     */
    URI authorizationUrl(AuthorizationRequest request);

    /**
     * Exchanges the code for tokens (sending the PKCE verifier), validates them (for OpenID
     * Connect: signature against the provider's keys, issuer, audience, expiry, nonce) and reads
     * the profile. Never throws for a refused or broken answer: those are {@link ExchangeResult}
     * values.
     */
    ExchangeResult exchange(CodeExchange exchange);

    /** What the authorization URL carries. */
    record AuthorizationRequest(URI redirectUri, String state, String codeChallenge, Optional<String> nonce) {
        public AuthorizationRequest {
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(codeChallenge, "codeChallenge");
            Objects.requireNonNull(nonce, "nonce");
        }
    }

    /** What the token request needs, and the nonce the ID token must carry. */
    record CodeExchange(URI redirectUri, String code, String codeVerifier, Optional<String> nonce) {
        public CodeExchange {
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(codeVerifier, "codeVerifier");
            Objects.requireNonNull(nonce, "nonce");
        }

        @Override
        public String toString() {
            return "CodeExchange[" + redirectUri + "]";
        }
    }

    /** The outcome of {@link #exchange}. */
    sealed interface ExchangeResult {
        /** The provider vouched for this profile. */
        record Verified(OAuthProfile profile) implements ExchangeResult {}

        /** The provider refused the code, or its answer failed validation; {@code reason} is for logs. */
        record Rejected(String reason) implements ExchangeResult {}

        /** The provider could not be reached or answered with a server error; {@code reason} is for logs. */
        record Unavailable(String reason) implements ExchangeResult {}
    }
}
