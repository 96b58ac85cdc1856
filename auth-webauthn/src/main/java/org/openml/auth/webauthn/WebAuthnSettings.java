package org.openml.auth.webauthn;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The relying party: its id ({@code RP_ID}, a registrable domain such as {@code openml.org}, or
 * {@code localhost}), the origins pages run on ({@code RP_ORIGIN}, e.g.
 * {@code https://www.openml.org}) and the name authenticators show ("OpenML").
 *
 * <p>Browsers accept an RP ID only when it is the page's host or a registrable suffix of it, so
 * every origin's host must be the RP ID or end with {@code "." + rpId}; {@link #of} refuses
 * anything else with a message that says so (the browser would answer with a SecurityError).
 *
 * @param rpId the RP ID, lower case
 * @param origins exact origins ({@code scheme://host[:port]}), no trailing slash
 * @param rpName the display name
 */
public record WebAuthnSettings(String rpId, Set<String> origins, String rpName) {
    public static final String DEFAULT_RP_ID = "localhost";
    public static final String DEFAULT_ORIGIN = "http://localhost:3050";
    public static final String DEFAULT_RP_NAME = "OpenML";

    public WebAuthnSettings {
        Objects.requireNonNull(rpId, "rpId");
        origins = Set.copyOf(origins);
        Objects.requireNonNull(rpName, "rpName");
        List<String> problems = problems(rpId, List.copyOf(origins));
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
    }

    /**
     * Settings from the values of {@code RP_ID} and {@code RP_ORIGIN} (comma-separated origins),
     * normalised (lower case, default ports and trailing slashes dropped).
     *
     * @throws IllegalArgumentException listing every problem
     */
    public static WebAuthnSettings of(String rpId, String commaSeparatedOrigins) {
        List<String> origins = new ArrayList<>();
        for (String part : commaSeparatedOrigins.split(",")) {
            if (!part.isBlank()) origins.add(normaliseOrigin(part.strip()));
        }
        return new WebAuthnSettings(rpId.strip().toLowerCase(Locale.ROOT), new LinkedHashSet<>(origins), DEFAULT_RP_NAME);
    }

    /** {@code localhost} and {@code http://localhost:3050}, as OpenML's defaults. */
    public static WebAuthnSettings defaults() {
        return of(DEFAULT_RP_ID, DEFAULT_ORIGIN);
    }

    /** What is wrong with these values (empty when nothing), one sentence each, for configuration checks. */
    public static List<String> problems(String rpId, List<String> origins) {
        List<String> problems = new ArrayList<>();
        if (rpId.isBlank() || rpId.contains("/") || rpId.contains(":") || !rpId.equals(rpId.toLowerCase(Locale.ROOT))) {
            problems.add("RP_ID must be a lower-case host name without scheme, port or path (e.g. openml.org), got '" + rpId + "'");
            return problems;
        }
        if (origins.isEmpty()) problems.add("RP_ORIGIN must name at least one origin (e.g. https://www.openml.org)");
        for (String origin : origins) {
            URI uri;
            try {
                uri = new URI(origin);
            } catch (URISyntaxException e) {
                problems.add("RP_ORIGIN entry '" + origin + "' is not a URL");
                continue;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (!scheme.equals("https") && !scheme.equals("http")) {
                problems.add("RP_ORIGIN entry '" + origin + "' must start with https:// (or http:// for localhost)");
                continue;
            }
            String host = uri.getHost() == null ? "" : uri.getHost();
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
                problems.add("RP_ORIGIN entry '" + origin + "' must be an origin without a path");
            }
            if (scheme.equals("http") && !host.equals("localhost") && !host.endsWith(".localhost") && !host.equals("127.0.0.1")) {
                problems.add("RP_ORIGIN entry '" + origin + "' uses http, which browsers allow for passkeys only on localhost; use https");
            }
            if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
                problems.add("RP_ORIGIN entry '" + origin + "' is not on RP_ID '" + rpId + "': its host must be " + rpId
                        + " or end with ." + rpId + " (browsers refuse with a SecurityError otherwise)");
            }
        }
        return problems;
    }

    static String normaliseOrigin(String text) {
        String t = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        try {
            URI uri = new URI(t);
            if (uri.getScheme() == null || uri.getHost() == null) return t;
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
        } catch (URISyntaxException e) {
            return t;
        }
    }
}
