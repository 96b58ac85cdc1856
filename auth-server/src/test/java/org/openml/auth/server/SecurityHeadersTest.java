package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;

/**
 * Every answer of the standalone server, for every route it serves (taken from the server, so new
 * routes are checked too) plus errors: no framing, no MIME sniffing, no referrer, no caching of
 * anything that may carry a secret, a Content-Security-Policy (the API's {@code default-src
 * 'none'}, the pages' own), and HSTS exactly when the public URL is https.
 */
class SecurityHeadersTest {
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    @TempDir
    Path dir;

    /** Every route with its path parameters filled in, and two answers that no route gives. */
    static List<String[]> requests(AttackTarget target) {
        List<String[]> requests = new ArrayList<>();
        for (String route : target.routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = AttackTarget.samplePath(route);
            requests.add(new String[] {method, path});
        }
        requests.add(new String[] {"GET", "/api/no-such-route"});
        requests.add(new String[] {"GET", "/no-such-page"});
        return requests;
    }

    static boolean isPage(String path) {
        return !path.startsWith("/api/") && !path.equals("/health") && !path.equals("/ready") && !path.equals("/no-such-page");
    }

    @Test
    void everyAnswerCarriesTheHeadersAndNoHstsOverHttp() throws Exception {
        try (AttackTarget target = AttackTarget.start(dir)) {
            List<String> failures = new ArrayList<>();
            for (String[] request : requests(target)) {
                Response r = target.send(request[0], request[1], "application/json", "{}");
                String what = request[0] + " " + request[1] + " (" + r.status() + ")";
                check(failures, what, r, "X-Content-Type-Options", "nosniff");
                check(failures, what, r, "Referrer-Policy", "no-referrer");
                check(failures, what, r, "X-Frame-Options", "DENY");
                if (r.header("Strict-Transport-Security").isPresent()) failures.add(what + ": HSTS over plain http");
                if (isPage(request[1])) {
                    check(failures, what, r, "Content-Security-Policy", pageCsp());
                    check(failures, what, r, "Cache-Control", request[1].startsWith("/auth/assets/") ? "no-cache" : "no-store");
                } else {
                    check(failures, what, r, "Content-Security-Policy", API_CSP);
                    check(failures, what, r, "Cache-Control", "no-store");
                }
            }
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void answersCarryingSecretsAreNeverStored() throws Exception {
        try (AttackTarget target = AttackTarget.start(dir)) {
            target.confirmedAccount("ada@example.org");
            AuthHttpClient browser = target.signedIn("ada@example.org");
            String token = browser.csrfToken();
            List<Response> secretful = List.of(
                    browser.get("/api/auth/csrf"),
                    browser.get("/api/auth/session"),
                    browser.get("/api/user/api-key"),
                    browser.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", token),
                    browser.signIn("ada@example.org", AttackTarget.PASSWORD),
                    browser.get("/api/auth/passkey/login-options"));
            for (Response r : secretful) {
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.header("Cache-Control")).as(r.body()).contains("no-store");
            }
        }
    }

    @Test
    void httpsPublicUrlsAddHstsToEveryAnswer() throws Exception {
        try (AttackTarget target = AttackTarget.start(dir, Map.of("NEXTAUTH_URL", "https://auth.example.org",
                "RP_ID", "auth.example.org", "RP_ORIGIN", "https://auth.example.org"))) {
            List<String> failures = new ArrayList<>();
            for (String[] request : requests(target)) {
                Response r = target.send(request[0], request[1], "application/json", "{}");
                check(failures, request[0] + " " + request[1] + " (" + r.status() + ")", r, "Strict-Transport-Security", "max-age=31536000");
            }
            assertThat(failures).isEmpty();
        }
    }

    static String pageCsp() {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    }

    static void check(List<String> failures, String what, Response r, String header, String expected) {
        List<String> values = r.headerValues(header);
        if (!values.equals(List.of(expected))) failures.add(what + ": " + header + " was " + values + ", expected " + expected);
    }
}
