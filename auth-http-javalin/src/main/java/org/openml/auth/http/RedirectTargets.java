package org.openml.auth.http;

import java.net.URI;
import java.net.URISyntaxException;

/** Where a {@code callbackUrl} may send the browser: the public origin only (no open redirects). */
final class RedirectTargets {
    private final URI origin;
    private final String base;

    RedirectTargets(URI publicUrl) {
        String text = publicUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.origin = URI.create(base);
    }

    String base() {
        return base;
    }

    /** {@code candidate} when it is a path or a URL on the public origin; otherwise the public URL. */
    String sameOrigin(String candidate) {
        if (candidate == null || candidate.isBlank()) return base;
        String c = candidate.strip();
        // Browsers drop tabs and line breaks inside URLs ("/\t/evil" is "//evil"); such a URL is never a genuine callback.
        if (c.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) return base;
        if (c.startsWith("/") && !c.startsWith("//") && !c.startsWith("/\\")) return base + c;
        try {
            URI uri = new URI(c);
            if (uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(origin.getScheme())
                    && uri.getHost() != null && uri.getHost().equalsIgnoreCase(origin.getHost())
                    && effectivePort(uri) == effectivePort(origin) && uri.getRawUserInfo() == null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // falls through to the safe default
        }
        return base;
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
