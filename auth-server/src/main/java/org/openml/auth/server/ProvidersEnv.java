package org.openml.auth.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openml.auth.webauthn.WebAuthnSettings;

/** The sign-in providers of the environment: passkeys ({@code RP_*}) and GitHub/Google ({@code GITHUB_*}, {@code GOOGLE_*}). */
final class ProvidersEnv {
    private ProvidersEnv() {}

    /**
     * Passkeys: {@code RP_ORIGIN} (comma-separated; default the public URL, so
     * {@code http://localhost:3050} out of the box) and {@code RP_ID} (default the host of the first
     * origin, so {@code localhost} out of the box). Every origin must be on the RP ID, or browsers
     * refuse every ceremony; see docs/passkeys.md.
     */
    static WebAuthnSettings webAuthn(EnvReader r, URI publicUrl, List<String> warnings) {
        String origins = r.text("RP_ORIGIN").orElse(publicUrl.toString());
        String firstHost;
        try {
            firstHost = new URI(origins.split(",")[0].strip()).getHost();
        } catch (URISyntaxException | ArrayIndexOutOfBoundsException e) {
            firstHost = null; // WebAuthnSettings.of names the bad entry below
        }
        String host = firstHost;
        String rpId = r.text("RP_ID").orElseGet(() -> {
            String derived = host == null ? WebAuthnSettings.DEFAULT_RP_ID : host.toLowerCase(Locale.ROOT);
            if (!derived.equals(WebAuthnSettings.DEFAULT_RP_ID)) {
                warnings.add("RP_ID is not set: passkeys are bound to " + derived + " only; set RP_ID (e.g. to the parent"
                        + " domain) before users create passkeys, as they cannot move to another RP ID later");
            }
            return derived;
        });
        try {
            return WebAuthnSettings.of(rpId, origins);
        } catch (IllegalArgumentException e) {
            r.problem("passkey settings: " + e.getMessage() + " (set RP_ID and RP_ORIGIN; see docs/passkeys.md)");
            return WebAuthnSettings.defaults();
        }
    }

    /** GitHub / Google: each needs id and secret together; the URL overrides may carry a path (GitHub Enterprise's /api/v3). */
    static OAuthSettings oauth(EnvReader r) {
        Optional<org.openml.auth.oauth.OAuthClientConfig> github = oauthClient(r, "GITHUB_ID", "GITHUB_SECRET").map(idSecret ->
                new org.openml.auth.oauth.OAuthClientConfig(idSecret[0], idSecret[1],
                        providerUrl(r, "GITHUB_URL", org.openml.auth.oauth.OAuthClientConfig.GITHUB_WEB),
                        providerUrl(r, "GITHUB_API_URL", org.openml.auth.oauth.OAuthClientConfig.GITHUB_API)));
        Optional<org.openml.auth.oauth.OAuthClientConfig> google = oauthClient(r, "GOOGLE_ID", "GOOGLE_SECRET").map(idSecret -> {
            URI issuer = providerUrl(r, "GOOGLE_ISSUER", org.openml.auth.oauth.OAuthClientConfig.GOOGLE_ISSUER);
            return new org.openml.auth.oauth.OAuthClientConfig(idSecret[0], idSecret[1], issuer, issuer);
        });
        return new OAuthSettings(github, google);
    }

    private static Optional<String[]> oauthClient(EnvReader r, String idName, String secretName) {
        Optional<String> id = r.text(idName);
        Optional<String> secret = r.text(secretName);
        if (id.isPresent() != secret.isPresent()) {
            r.problem(idName + " and " + secretName + " must be set together (" + (id.isPresent() ? secretName : idName)
                    + " is missing); unset both to turn this sign-in provider off");
            return Optional.empty();
        }
        return id.map(i -> new String[] {i, secret.get()});
    }

    private static URI providerUrl(EnvReader r, String name, URI fallback) {
        Optional<String> v = r.text(name);
        if (v.isEmpty()) return fallback;
        try {
            URI uri = new URI(v.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                r.problem(name + " must be an http(s) URL without query or fragment, got '" + v.get() + "'");
                return fallback;
            }
            return uri;
        } catch (URISyntaxException e) {
            r.problem(name + " is not a valid URL: '" + v.get() + "'");
            return fallback;
        }
    }
}
