package org.openml.auth.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;

/** Follows the sign-in redirects by hand: our server → provider → our callback. */
final class Browser {
    private static final HttpClient PROVIDER_SIDE = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private Browser() {}

    static URI location(Response r) {
        return URI.create(r.header("Location").orElseThrow(() -> new AssertionError("no redirect: " + r.status() + " " + r.body())));
    }

    /** The browser at the provider: where the provider sends it back (the provider's 302). */
    static URI atProvider(URI authorizationUrl) {
        try {
            HttpResponse<String> r = PROVIDER_SIDE.send(HttpRequest.newBuilder(authorizationUrl).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 302) throw new AssertionError("provider answered " + r.statusCode() + ": " + r.body());
            return URI.create(r.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET of our own URL (the callback) with the browser's cookies. */
    static Response back(AuthHttpClient browser, URI callback) {
        return browser.get(callback.getRawPath() + (callback.getRawQuery() == null ? "" : "?" + callback.getRawQuery()));
    }

    /** Starts at {@code /api/auth/signin/<provider>}, passes the provider, and returns our callback's answer. */
    static Response signIn(AuthHttpClient browser, String provider, String callbackUrl) {
        Response start = browser.get("/api/auth/signin/" + provider + (callbackUrl == null ? "" : "?callbackUrl=" + callbackUrl));
        if (start.status() != 302) throw new AssertionError("sign-in start answered " + start.status());
        return back(browser, atProvider(location(start)));
    }

    /** {@code query} with parameter {@code name} set to {@code value}. */
    static URI withParam(URI uri, String name, String value) {
        String q = uri.getRawQuery().replaceAll("(^|&)" + name + "=[^&]*", "$1" + name + "=" + java.net.URLEncoder.encode(value,
                java.nio.charset.StandardCharsets.UTF_8));
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + q);
    }
}
