package org.openml.auth.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.usecase.AuthServices;

/**
 * What every route group shares: the use cases, the cookie names, the cross-site check, the
 * redirect targets, how client addresses are found and the clock. One value instead of long
 * constructor lists; each group takes it and the one use case it translates for.
 */
record RouteContext(AuthServices services, CookieSettings cookies, CrossSiteCheck crossSite, RedirectTargets redirects,
        ClientAddress clients, Clock clock) {

    static RouteContext of(AuthServices services, ClientAddress clients, Clock clock) {
        CookieSettings cookies = new CookieSettings(services.publicUrl());
        return new RouteContext(services, cookies, new CrossSiteCheck(services.csrfTokens(), cookies, services.publicUrl()),
                new RedirectTargets(services.publicUrl()), clients, clock);
    }

    /** The client's address (trusted proxies applied), for the use cases' limits and audit rows. */
    String client(Context ctx) {
        return clients.of(ctx);
    }

    /** Where the request comes from, for the record of its session (the owner's list of devices). */
    Sessions.SeenFrom seenFrom(Context ctx) {
        return new Sessions.SeenFrom(client(ctx), ctx.header("User-Agent"));
    }

    /** The session of a signed-in route, or a 401 thrown. */
    SignedInRequest signedIn(Context ctx) {
        return SignedInRequest.require(ctx, cookies, services.sessions(), seenFrom(ctx));
    }

    /** As {@link #signedIn}, and for a cookie session the cross-site check (else 403 thrown). */
    SignedInRequest signedInSameSite(Context ctx, RequestBody body) {
        return SignedInRequest.requireSameSite(ctx, cookies, services.sessions(), seenFrom(ctx), crossSite, body);
    }

    /** The request's session, if any (no refusal). */
    Optional<SignedInRequest> session(Context ctx) {
        return SignedInRequest.of(ctx, cookies, services.sessions(), seenFrom(ctx));
    }

    /** Hands a session to the browser as next-auth's session cookie. */
    void setSession(Context ctx, IssuedSession issued) {
        cookies.setSession(ctx, issued.token(), issued.session().expiresAt(), clock.instant());
    }

    /** The public URL, without a trailing slash. */
    String base() {
        return redirects.base();
    }
}
