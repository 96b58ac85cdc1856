package org.openml.auth.http;

import io.javalin.http.Context;
import java.util.Optional;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.usecase.AuthServices;

/**
 * For apps that mount {@link AuthPlugin} and protect their own routes with its sessions:
 *
 * <pre>{@code
 * RequestSessions sessions = new RequestSessions(auth);
 * config.routes.get("/me", ctx -> {
 *     Session s = sessions.of(ctx).orElseThrow(UnauthorizedResponse::new);
 *     ctx.json(Map.of("username", s.username()));
 * });
 * }</pre>
 */
public final class RequestSessions {
    private final AuthServices services;
    private final CookieSettings cookies;

    public RequestSessions(AuthServices services) {
        this.services = services;
        this.cookies = new CookieSettings(services.publicUrl());
    }

    /**
     * The session of this request, from the session cookie (next-auth's name for the public URL's
     * scheme) or an {@code Authorization: Bearer} session token; empty when there is none or it
     * is expired, forged, under another secret or revoked (a session cookie that is refused is
     * cleared in the answer, and one its owner signed out on another device is refused). The
     * session's record (the owner's list of devices) notes the socket peer as its address.
     */
    public Optional<Session> of(Context ctx) {
        return cookies.session(ctx, services.sessions(), new Sessions.SeenFrom(ctx.ip(), ctx.header("User-Agent")));
    }
}
