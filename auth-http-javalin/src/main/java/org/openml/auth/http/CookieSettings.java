package org.openml.auth.http;

import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.port.in.Sessions;

/**
 * NextAuth v4's cookie names and attributes. Under an https public URL the names get the
 * {@code __Secure-} prefix (the CSRF cookie {@code __Host-}) and the {@code Secure} flag, exactly
 * as next-auth does, so both servers find each other's cookies.
 */
final class CookieSettings {
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    final boolean secure;
    final String sessionCookie;
    final String csrfCookie;

    CookieSettings(URI publicUrl) {
        this.secure = "https".equalsIgnoreCase(publicUrl.getScheme());
        this.sessionCookie = (secure ? "__Secure-" : "") + "next-auth.session-token";
        this.csrfCookie = (secure ? "__Host-" : "") + "next-auth.csrf-token";
    }

    void setSession(Context ctx, String token, Instant expires, Instant now) {
        long maxAge = Math.max(0, Duration.between(now, expires).toSeconds());
        add(ctx, sessionCookie + "=" + token + "; Path=/; Expires=" + EXPIRES.format(expires) + "; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    void clearSession(Context ctx) {
        add(ctx, sessionCookie + "=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : ""));
    }

    /** next-auth writes the value URL-encoded ({@code |} as {@code %7C}); a browser-session cookie. */
    void setCsrf(Context ctx, String cookieValue) {
        add(ctx, csrfCookie + "=" + cookieValue.replace("|", "%7C") + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    /** The session token from the cookie (joining next-auth's {@code .0}, {@code .1}… chunks) or a Bearer header. */
    Optional<String> sessionToken(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = auth.substring(7).strip();
            if (!token.isEmpty()) return Optional.of(token);
        }
        Map<String, String> cookies = ctx.cookieMap();
        String whole = cookies.get(sessionCookie);
        if (whole != null && !whole.isEmpty()) return Optional.of(whole);
        TreeMap<Integer, String> chunks = new TreeMap<>();
        cookies.forEach((name, value) -> {
            if (name.startsWith(sessionCookie + ".")) {
                try {
                    chunks.put(Integer.parseInt(name.substring(sessionCookie.length() + 1)), value);
                } catch (NumberFormatException ignored) {
                    // not one of next-auth's chunks
                }
            }
        });
        return chunks.isEmpty() ? Optional.empty() : Optional.of(String.join("", chunks.values()));
    }

    /**
     * The session of this request, from the cookie or a Bearer header. A session cookie that holds
     * no valid session (expired, forged, under another secret, revoked) is cleared in the answer,
     * as next-auth does, so a browser stops sending it.
     */
    Optional<Session> session(Context ctx, Sessions sessions, Sessions.SeenFrom client) {
        Optional<Session> session = sessionToken(ctx).flatMap(token -> sessions.read(token, client));
        if (session.isEmpty() && !bearer(ctx) && hasSessionCookie(ctx)) clearSession(ctx);
        return session;
    }

    /**
     * Whether a non-empty {@code Authorization: Bearer} token carries the session (it wins over the
     * cookie); the same test {@link #sessionToken} applies, so an empty Bearer header never makes
     * a cookie session pass for a Bearer one (which skips the cross-site check).
     */
    static boolean bearer(Context ctx) {
        String auth = ctx.header("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.substring(7).isBlank();
    }

    boolean hasSessionCookie(Context ctx) {
        return ctx.cookieMap().keySet().stream().anyMatch(n -> n.equals(sessionCookie) || n.startsWith(sessionCookie + "."));
    }

    Optional<String> csrfCookie(Context ctx) {
        return Optional.ofNullable(ctx.cookie(csrfCookie));
    }

    private static void add(Context ctx, String header) {
        ctx.res().addHeader("Set-Cookie", header);
    }
}
