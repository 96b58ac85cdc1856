package org.openml.auth.oauth;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.openml.auth.core.port.out.OAuthProvider;

/**
 * The entry point of this module: GitHub and Google as {@link OAuthProvider}s, ready for
 * {@code AuthServices.builder().oauthProviders(List.of(OAuthProviders.github(…), OAuthProviders.google(…, clock)))}.
 */
public final class OAuthProviders {
    /** How long one call to a provider may take, connection included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private OAuthProviders() {}

    /** GitHub (or GitHub Enterprise): OAuth 2.0 with PKCE; the user from {@code /user}, the email from {@code /user/emails}. */
    public static OAuthProvider github(OAuthClientConfig config) {
        return new GitHubProvider(Objects.requireNonNull(config, "config"), http());
    }

    /**
     * Google: OpenID Connect with PKCE and a nonce; endpoints and keys from the issuer's discovery
     * document; ID tokens checked for signature, issuer, audience, expiry (by {@code clock}) and nonce.
     */
    public static OAuthProvider google(OAuthClientConfig config, Clock clock) {
        return new GoogleProvider(Objects.requireNonNull(config, "config"), http(), Objects.requireNonNull(clock, "clock"));
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }
}
