package org.openml.auth.oauth;

import java.net.URI;
import java.util.Objects;

/**
 * One provider's registration: the OAuth app's client id and secret, and where the provider lives.
 *
 * @param clientId {@code GITHUB_ID} / {@code GOOGLE_ID}
 * @param clientSecret {@code GITHUB_SECRET} / {@code GOOGLE_SECRET}; redacted in {@link #toString()}
 * @param baseUrl GitHub: the web origin ({@code https://github.com}, {@code GITHUB_URL}); Google: the
 *     issuer ({@code https://accounts.google.com}, {@code GOOGLE_ISSUER}), whose discovery document
 *     names the endpoints and keys
 * @param apiUrl GitHub: the REST API root ({@code https://api.github.com}, or
 *     {@code https://<host>/api/v3} on GitHub Enterprise; {@code GITHUB_API_URL}); unused for Google
 */
public record OAuthClientConfig(String clientId, String clientSecret, URI baseUrl, URI apiUrl) {
    public static final URI GITHUB_WEB = URI.create("https://github.com");
    public static final URI GITHUB_API = URI.create("https://api.github.com");
    public static final URI GOOGLE_ISSUER = URI.create("https://accounts.google.com");

    public OAuthClientConfig {
        if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("client id is required");
        if (clientSecret == null || clientSecret.isBlank()) throw new IllegalArgumentException("client secret is required");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiUrl, "apiUrl");
        baseUrl = trim(baseUrl);
        apiUrl = trim(apiUrl);
    }

    /** GitHub.com. */
    public static OAuthClientConfig github(String clientId, String clientSecret) {
        return new OAuthClientConfig(clientId, clientSecret, GITHUB_WEB, GITHUB_API);
    }

    /** Google's issuer. */
    public static OAuthClientConfig google(String clientId, String clientSecret) {
        return new OAuthClientConfig(clientId, clientSecret, GOOGLE_ISSUER, GOOGLE_ISSUER);
    }

    private static URI trim(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    @Override
    public String toString() {
        return "OAuthClientConfig[clientId=" + clientId + ", clientSecret=***, baseUrl=" + baseUrl + ", apiUrl=" + apiUrl + "]";
    }
}
