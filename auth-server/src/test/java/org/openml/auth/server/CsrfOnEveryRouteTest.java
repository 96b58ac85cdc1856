package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;

/**
 * Cross-site request forgery against every state-changing route the server serves. The routes
 * come from the running server, not from a list in this test: a route added later is attacked
 * too, and fails here until it checks the CSRF token (or is listed below with the reason a
 * browser's cookies give it no authority).
 *
 * <p>The victim is signed in and has a passkey; the forged requests carry the victim's cookies
 * (session and CSRF cookie, as a browser sends them on a cross-site form post) but not the token,
 * in the shapes a cross-site page can send: form, text/plain and JSON bodies, no Origin, a foreign
 * Origin, {@code Origin: null}, a foreign Referer, a made-up token and another browser's token.
 * Each must be answered 403 and change nothing: not one row in the database, not the victim's
 * cookies, not the victim's session. Then the same request with the token is not refused with
 * 403, which shows the 403 came from the CSRF check and not from a route that refuses everything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CsrfOnEveryRouteTest {
    static final String VICTIM = "victim@example.org";
    static final String EVIL = "https://evil.example";
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * State-changing routes a victim's cookies give no authority over, each with the reason. A
     * forged cross-site request there acts as nobody, so the CSRF token would protect nothing.
     */
    static final Map<String, String> NO_COOKIE_AUTHORITY = Map.ofEntries(
            Map.entry("POST /api/auth/register", "creates a new, unconfirmed account from the body alone"),
            Map.entry("POST /api/auth/resend-confirmation", "answers generically and mails only the address's owner"),
            Map.entry("POST /api/auth/forgot-password", "answers generically and mails only the address's owner"),
            Map.entry("POST /api/auth/reset-password", "authorised by the mailed one-time token in the body, which a cross-site page cannot know"),
            Map.entry("POST /api/auth/confirm", "authorised by the one-time token in the body (legacy)"),
            Map.entry("POST /api/auth/passkey/signup-options", "starts a sign-up of a new account; nothing is written until verified"),
            Map.entry("POST /api/auth/passkey/signup-verify", "needs an authenticator's signature over a challenge bound to the browser's ceremony cookie"),
            Map.entry("POST /api/auth/passkey/login-verify", "needs an authenticator's signature over a challenge bound to the browser's ceremony cookie"),
            Map.entry("POST /api/auth/passkey/register-options", "only issues a 5-minute challenge; register-verify, which stores, has the check"),
            Map.entry("POST /api/user/whoami", "authorised by the API key in the request; cookies are never read"),
            Map.entry("POST /api/user/email/confirm", "authorised by the one-time token mailed to the new address, in the body"),
            Map.entry("POST /api/user/email/revert", "authorised by the one-time token mailed to the old address, in the body"),
            Map.entry("POST /api/auth/_log", "next-auth's client logger: reads no cookie and writes nothing"));

    @TempDir
    static Path dir;
    static AttackTarget target;
    static SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    @BeforeAll
    static void start() throws Exception {
        target = AttackTarget.start(dir);
        target.confirmedAccount(VICTIM);
        target.confirmedAccount("attacker@example.org");
        // The victim also has a passkey, so remove/rename have something to lose.
        AuthHttpClient victim = target.signedIn(VICTIM);
        String token = victim.csrfToken();
        Response options = victim.postJson("/api/auth/passkey/register-options", Map.of(), "X-CSRF-Token", token);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        Response added = victim.postJson("/api/auth/passkey/register-verify",
                Map.of("credential", authenticator.create(options.json(), target.base), "deviceName", "Laptop"), "X-CSRF-Token", token);
        assertThat(added.status()).as(added.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (target != null) target.close();
    }

    static List<String> stateChangingRoutes() {
        return target.routes().stream().filter(r -> !SAFE_METHODS.contains(r.substring(0, r.indexOf(' ')))).toList();
    }

    static List<String> protectedRoutes() {
        return stateChangingRoutes().stream().filter(r -> !NO_COOKIE_AUTHORITY.containsKey(r)).toList();
    }

    @Test
    void theExemptionsAreRealRoutesAndEverythingElseIsAttacked() {
        assertThat(stateChangingRoutes()).containsAll(NO_COOKIE_AUTHORITY.keySet());
        // The routes known today that must be protected; new ones join automatically.
        assertThat(protectedRoutes()).contains("POST /api/auth/callback/credentials", "POST /api/auth/signout",
                "POST /api/user/api-key/regenerate", "POST /api/auth/passkey/register-verify", "POST /api/auth/passkey/remove",
                "DELETE /api/auth/passkey/remove", "POST /api/auth/passkey/rename", "POST /api/auth/signin/{provider}");
    }

    @Test
    @Order(1)
    void everyForgedCrossSiteRequestIsRefusedWith403AndChangesNothing() throws Exception {
        AuthHttpClient victim = target.signedIn(VICTIM);
        String victimToken = victim.csrfToken();
        String passkeyId = passkeyId(victim);
        Map<String, Object> before = victim.get("/api/auth/session").json();
        String otherBrowsersToken = target.browser().csrfToken();
        String cookies = cookieHeader(victim);
        List<String> failures = new ArrayList<>();

        var snapshot = target.snapshot();
        for (String route : protectedRoutes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = AttackTarget.samplePath(route);
            for (Forgery forgery : forgeries(passkeyId, otherBrowsersToken)) {
                Response r = target.send(method, path, forgery.contentType, forgery.body, forgery.headers(cookies));
                if (r.status() != 403) failures.add(route + " " + forgery.name + " -> " + r.status() + " " + r.body());
                if (r.headerValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("next-auth.session-token"))) {
                    failures.add(route + " " + forgery.name + " touched the session cookie: " + r.headerValues("Set-Cookie"));
                }
            }
        }

        assertThat(failures).isEmpty();
        assertThat(target.snapshot()).as("no row written, changed or deleted").isEqualTo(snapshot);
        Map<String, Object> after = victim.get("/api/auth/session").json();
        assertThat(after.get("user")).as("still signed in as before").isEqualTo(before.get("user"));
        assertThat(after.get("apikey")).isEqualTo(before.get("apikey"));
        assertThat(passkeyId(victim)).isEqualTo(passkeyId);
        assertThat(victim.csrfToken()).isEqualTo(victimToken);
    }

    @Test
    @Order(2) // last: with the token, regenerate and remove do change the victim's account
    void theSameRequestsWithTheTokenAreNotRefusedAsCrossSite() {
        for (String route : protectedRoutes()) {
            AuthHttpClient victim = target.signedIn(VICTIM);
            String token = victim.csrfToken();
            String method = route.substring(0, route.indexOf(' '));
            String path = AttackTarget.samplePath(route);
            String body = "{\"passkeyId\":\"" + passkeyIdOrNone(victim) + "\",\"deviceName\":\"Renamed\",\"email\":\"" + VICTIM
                    + "\",\"password\":\"" + AttackTarget.PASSWORD + "\",\"callbackUrl\":\"/account\",\"json\":\"true\"}";

            Response r = target.send(method, path, "application/json", body, "Cookie", cookieHeader(victim), "X-CSRF-Token", token);

            if (path.startsWith("/api/admin/")) {
                // The victim is no admin: past the cross-site check, the admin check refuses.
                assertThat(r.body()).as(route + " with the token").contains("admin_required");
                continue;
            }
            assertThat(r.status()).as(route + " with the token: " + r.body()).isNotEqualTo(403).isLessThan(500);
        }
    }

    /** One shape of forged request. */
    record Forgery(String name, String contentType, String body, String... extraHeaders) {
        String[] headers(String cookies) {
            String[] all = new String[extraHeaders.length + 2];
            all[0] = "Cookie";
            all[1] = cookies;
            System.arraycopy(extraHeaders, 0, all, 2, extraHeaders.length);
            return all;
        }
    }

    static List<Forgery> forgeries(String passkeyId, String otherBrowsersToken) {
        String fields = "passkeyId=" + passkeyId + "&deviceName=pwned&email=" + VICTIM.replace("@", "%40") + "&password=x"
                + "&callbackUrl=%2Faccount&json=true";
        String json = "{\"passkeyId\":\"" + passkeyId + "\",\"deviceName\":\"pwned\",\"email\":\"" + VICTIM
                + "\",\"password\":\"x\",\"callbackUrl\":\"/account\",\"json\":\"true\"}";
        String form = "application/x-www-form-urlencoded";
        return List.of(
                new Forgery("form, no Origin", form, fields),
                new Forgery("form, foreign Origin", form, fields, "Origin", EVIL),
                new Forgery("form, Origin null", form, fields, "Origin", "null"),
                new Forgery("form, foreign Referer", form, fields, "Referer", EVIL + "/page"),
                new Forgery("text/plain JSON, foreign Origin", "text/plain", json, "Origin", EVIL),
                new Forgery("JSON, foreign Origin", "application/json", json, "Origin", EVIL),
                new Forgery("JSON, look-alike Origin", "application/json", json, "Origin", target.base + ".evil.example"),
                new Forgery("form, made-up token", form, fields + "&csrfToken=" + "ab".repeat(32), "Origin", EVIL),
                new Forgery("JSON, made-up header token", "application/json", json, "X-CSRF-Token", "ab".repeat(32)),
                new Forgery("form, another browser's token", form, fields + "&csrfToken=" + otherBrowsersToken),
                new Forgery("no body", null, null, "Origin", EVIL));
    }

    static String cookieHeader(AuthHttpClient browser) {
        return "next-auth.session-token=" + browser.cookie("next-auth.session-token").orElseThrow()
                + "; next-auth.csrf-token=" + browser.cookie("next-auth.csrf-token").orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static String passkeyId(AuthHttpClient victim) {
        List<Map<String, Object>> passkeys = (List<Map<String, Object>>) victim.get("/api/auth/passkey/list").json().get("passkeys");
        assertThat(passkeys).hasSize(1);
        return String.valueOf(passkeys.get(0).get("id"));
    }

    @SuppressWarnings("unchecked")
    static String passkeyIdOrNone(AuthHttpClient victim) {
        List<Map<String, Object>> passkeys = (List<Map<String, Object>>) victim.get("/api/auth/passkey/list").json().get("passkeys");
        return passkeys.isEmpty() ? "0" : String.valueOf(passkeys.get(0).get("id"));
    }
}
