package org.openml.auth.http;

import io.javalin.http.Context;
import java.util.Optional;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.Sessions;

/**
 * The session of a request to a signed-in route, and whether a cookie (rather than an
 * {@code Authorization: Bearer} token) carried it: one helper for every such route. Refusals are
 * thrown ({@link HttpProblem}), as Javalin's own {@code UnauthorizedResponse} is, and answered by
 * {@link ErrorResponses}.
 */
record SignedInRequest(Session session, boolean byCookie) {

    /** The session; empty when there is none or it is expired, forged or revoked. */
    static Optional<SignedInRequest> of(Context ctx, CookieSettings cookies, Sessions sessions, Sessions.SeenFrom client) {
        boolean bearer = CookieSettings.bearer(ctx);
        return cookies.session(ctx, sessions, client).map(s -> new SignedInRequest(s, !bearer));
    }

    /** The session, or a 401 {@code unauthorized}. */
    static SignedInRequest require(Context ctx, CookieSettings cookies, Sessions sessions, Sessions.SeenFrom client) {
        return of(ctx, cookies, sessions, client).orElseThrow(() -> HttpProblem.of(ErrorCode.UNAUTHORIZED));
    }

    /**
     * The session, or 401; for a cookie session also the cross-site check (CSRF token or the
     * public origin), else 403. A Bearer token is not sent by browsers on their own, so it needs none.
     */
    static SignedInRequest requireSameSite(Context ctx, CookieSettings cookies, Sessions sessions, Sessions.SeenFrom client,
            CrossSiteCheck crossSite, RequestBody body) {
        SignedInRequest signedIn = require(ctx, cookies, sessions, client);
        if (signedIn.byCookie() && !crossSite.csrfTokenOrSameOrigin(ctx, body)) throw HttpProblem.of(ErrorCode.CSRF_FAILED);
        return signedIn;
    }
}
