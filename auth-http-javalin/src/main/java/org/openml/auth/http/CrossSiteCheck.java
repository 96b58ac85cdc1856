package org.openml.auth.http;

import org.openml.auth.core.domain.Printable;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Optional;
import org.openml.auth.core.session.CsrfTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protection for state-changing requests that a browser's cookies authenticate: the request must
 * repeat the CSRF token of its CSRF cookie ({@code csrfToken} field or {@code X-CSRF-Token}
 * header), or — for routes that allow it — come with an {@code Origin} (else {@code Referer}) on
 * the public origin.
 */
final class CrossSiteCheck {
    private static final Logger LOG = LoggerFactory.getLogger(CrossSiteCheck.class);

    private final CsrfTokens csrf;
    private final CookieSettings cookies;
    private final String origin;

    CrossSiteCheck(CsrfTokens csrf, CookieSettings cookies, URI publicUrl) {
        this.csrf = csrf;
        this.cookies = cookies;
        this.origin = originOf(publicUrl.toString()).orElseThrow();
    }

    /** The double-submit check NextAuth's routes use (sign-in, sign-out). */
    boolean csrfTokenValid(Context ctx, RequestBody body) {
        String submitted = body.text("csrfToken").orElseGet(() -> ctx.header("X-CSRF-Token"));
        Optional<String> cookie = cookies.csrfCookie(ctx);
        if (cookie.isPresent() && csrf.verify(cookie.get(), submitted)) return true;
        if (cookie.isEmpty() && cookies.secure && "http".equalsIgnoreCase(forwardedProto(ctx))) {
            LOG.warn("CSRF check failed on {}: no CSRF cookie, and the request came over http while NEXTAUTH_URL is https"
                    + " (browsers send __Host-/Secure cookies only over https). Check NEXTAUTH_URL.", ctx.path());
        } else {
            LOG.info("CSRF check failed on {}: {}", Printable.of(ctx.path(), 200), cookie.isEmpty() ? "no CSRF cookie" : "token does not match the cookie");
        }
        return false;
    }

    /** The CSRF token, or else an Origin/Referer on the public origin (for JSON routes called by pages). */
    boolean csrfTokenOrSameOrigin(Context ctx, RequestBody body) {
        String claimed = Optional.ofNullable(ctx.header("Origin")).filter(o -> !o.equals("null"))
                .or(() -> Optional.ofNullable(ctx.header("Referer")).flatMap(CrossSiteCheck::originOf))
                .orElse(null);
        if (claimed != null && claimed.equalsIgnoreCase(origin)) return true;
        boolean hasToken = body.text("csrfToken").isPresent() || ctx.header("X-CSRF-Token") != null;
        if (hasToken) return csrfTokenValid(ctx, body);
        LOG.info("cross-site check failed on {}: no CSRF token and origin {}", Printable.of(ctx.path(), 200), claimed == null ? "absent" : Printable.of(claimed, 200));
        return false;
    }

    private static String forwardedProto(Context ctx) {
        String proto = ctx.header("X-Forwarded-Proto");
        return proto != null ? proto : ctx.scheme();
    }

    /** {@code scheme://host[:port]} of a URL, with default ports dropped; empty when it has none. */
    static Optional<String> originOf(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) return Optional.empty();
            String scheme = uri.getScheme().toLowerCase();
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase() + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
