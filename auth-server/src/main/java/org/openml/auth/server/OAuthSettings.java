package org.openml.auth.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openml.auth.oauth.OAuthClientConfig;

/**
 * GitHub / Google sign-in settings: a provider is configured when both its id and secret are set
 * ({@code GITHUB_ID}/{@code GITHUB_SECRET}, {@code GOOGLE_ID}/{@code GOOGLE_SECRET}), with the URL
 * overrides {@code GITHUB_URL}, {@code GITHUB_API_URL} and {@code GOOGLE_ISSUER}.
 */
public record OAuthSettings(Optional<OAuthClientConfig> github, Optional<OAuthClientConfig> google) {
    public static final OAuthSettings NONE = new OAuthSettings(Optional.empty(), Optional.empty());

    /** The configured provider ids, GitHub first. */
    public List<String> configured() {
        List<String> out = new ArrayList<>();
        github.ifPresent(g -> out.add("github"));
        google.ifPresent(g -> out.add("google"));
        return out;
    }

    @Override
    public String toString() {
        return configured().isEmpty() ? "(none)" : String.join(", ", configured());
    }
}
