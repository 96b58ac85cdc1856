package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.Registration.RegisterCommand;
import org.openml.auth.core.session.NextAuthSessionCodec;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.http.AuthPlugin;
import org.openml.auth.http.ErrorResponses;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/**
 * Session ids rotate at sign-in (no fixation); cookie attributes and prefixes under http and
 * https; callbackUrl only to the public origin; mailed links and redirects from the configured
 * public URL whatever {@code Host} / {@code X-Forwarded-Host} a request claims.
 */
class SessionCookieRulesTest {
    static final String PASSWORD = "correct horse battery staple";
    static final String SESSION_COOKIE = "next-auth.session-token";

    TestAuthServer server;

    @BeforeEach
    void start() {
        server = TestAuthServer.start();
        Accounts.registerConfirmed(server, "ada@example.org", PASSWORD);
        Accounts.registerConfirmed(server, "mallory@example.org", PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Session decode(String token) {
        return new NextAuthSessionCodec(TestAuthServer.SECRET, List.of()).decode(token, server.clock().instant()).orElseThrow();
    }

    // ---- session ids rotate at sign-in ----

    @Test
    void everySignInGetsANewSessionIdAndCookieValue() {
        AuthHttpClient browser = server.newClient();
        browser.signIn("ada@example.org", PASSWORD);
        String first = browser.cookie(SESSION_COOKIE).orElseThrow();
        browser.signIn("ada@example.org", PASSWORD);
        String second = browser.cookie(SESSION_COOKIE).orElseThrow();

        assertThat(second).isNotEqualTo(first);
        assertThat(decode(second).id()).isNotEqualTo(decode(first).id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void aSessionCookiePlantedBeforeSignInDoesNotSurviveIt() {
        // The attacker's own valid session, planted in the victim's browser (e.g. through a sibling domain).
        AuthHttpClient attacker = server.newClient();
        attacker.signIn("mallory@example.org", PASSWORD);
        String planted = attacker.cookie(SESSION_COOKIE).orElseThrow();
        AuthHttpClient victim = server.newClient();
        victim.setCookie(SESSION_COOKIE, planted);

        Response signIn = victim.signIn("ada@example.org", PASSWORD);

        String issued = signIn.headerValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE + "="))
                .findFirst().orElseThrow();
        String value = issued.substring(SESSION_COOKIE.length() + 1, issued.indexOf(';'));
        assertThat(value).isNotEqualTo(planted);
        assertThat(decode(value).id()).isNotEqualTo(decode(planted).id());
        assertThat(decode(value).email()).isEqualTo("ada@example.org");
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) victim.get("/api/auth/session").json().get("user");
        assertThat(user).containsEntry("email", "ada@example.org");
        assertThat(attacker.get("/api/auth/session").json().get("user")).as("the attacker's cookie shows the attacker only")
                .asString().contains("mallory@example.org");
    }

    @Test
    void aGarbageCookiePlantedBeforeSignInIsReplaced() {
        AuthHttpClient victim = server.newClient();
        victim.setCookie(SESSION_COOKIE, "attacker-chosen-value");
        Response signIn = victim.signIn("ada@example.org", PASSWORD);
        String issued = signIn.headerValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE + "="))
                .findFirst().orElseThrow();
        String value = issued.substring(SESSION_COOKIE.length() + 1, issued.indexOf(';'));
        assertThat(value).isNotEqualTo("attacker-chosen-value");
        assertThat(decode(value).email()).isEqualTo("ada@example.org");
    }

    // ---- cookie attributes ----

    @Test
    void underHttpCookiesAreHttpOnlyLaxAndUnprefixed() {
        AuthHttpClient browser = server.newClient();
        Response csrf = browser.get("/api/auth/csrf");
        assertThat(csrf.header("Set-Cookie")).get().asString().startsWith("next-auth.csrf-token=")
                .contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax").doesNotContain("Secure")
                .doesNotContain("Domain");
        Response signIn = browser.signIn("ada@example.org", PASSWORD);
        assertThat(signIn.headerValues("Set-Cookie")).filteredOn(c -> c.startsWith(SESSION_COOKIE + "=")).singleElement()
                .asString().contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax").contains("; Max-Age=7200")
                .doesNotContain("Secure").doesNotContain("Domain");
    }

    @Test
    void underHttpsCookiesArePrefixedSecureHttpOnlyAndLax() throws Exception {
        URI publicUrl = URI.create("https://auth.example.org");
        MutableClock clock = MutableClock.startingNow();
        RecordingMailer mailer = new RecordingMailer();
        InMemoryStores stores = InMemoryStores.create();
        AuthServices services = AuthServices.builder().stores(stores)
                .passwordHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of()))
                .mailer(mailer).clock(clock).publicUrl(publicUrl).sessionSecret(TestAuthServer.SECRET).build();
        services.registration().register(new RegisterCommand("Ada", "Lovelace", "ada@example.org", PASSWORD, "127.0.0.1"));
        services.registration().confirmEmail(RecordingMailer.tokenOf(mailer.last().orElseThrow().link()), "192.0.2.10");
        // Served on loopback http, as behind a TLS-terminating proxy; the public URL decides the cookie rules.
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new AuthPlugin(services, clock, ""));
            ErrorResponses.install(config.routes);
        }).start("127.0.0.1", 0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.port();
            HttpResponse<String> csrf = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/csrf")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String csrfCookie = csrf.headers().firstValue("Set-Cookie").orElseThrow();
            // __Host-: Secure, Path=/ and no Domain, so no sibling domain can set or read it.
            assertThat(csrfCookie).startsWith("__Host-next-auth.csrf-token=").contains("; Path=/").contains("; HttpOnly")
                    .contains("; SameSite=Lax").contains("; Secure").doesNotContain("Domain");
            String csrfValue = csrfCookie.substring(0, csrfCookie.indexOf(';'));
            String token = csrf.body().replaceAll(".*\"csrfToken\":\"([0-9a-f]+)\".*", "$1");

            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/callback/credentials"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", csrfValue)
                    .POST(HttpRequest.BodyPublishers.ofString("csrfToken=" + token
                            + "&email=ada%40example.org&password=correct+horse+battery+staple&json=true")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).isEqualTo(200);
            String sessionCookie = signIn.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("__Secure-next-auth.session-token=")).findFirst().orElseThrow();
            assertThat(sessionCookie).contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax").contains("; Secure");
            String value = sessionCookie.substring(sessionCookie.indexOf('=') + 1, sessionCookie.indexOf(';'));

            assertThat(sessionBody(http, base, "__Secure-next-auth.session-token=" + value)).contains("ada@example.org");
            assertThat(sessionBody(http, base, "next-auth.session-token=" + value))
                    .as("under https only the prefixed name counts").isEqualTo("{}");
        } finally {
            app.stop();
        }
    }

    private static String sessionBody(HttpClient http, String base, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/session")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    // ---- redirects ----

    @Test
    void callbackUrlsLeadOnlyToThePublicOrigin() {
        AuthHttpClient browser = server.newClient();
        String csrf = browser.csrfToken();
        String base = server.baseUrl().toString();
        String authority = server.baseUrl().getAuthority();
        for (String evil : List.of("https://evil.example/x", "//evil.example/x", "/\\evil.example/x", "\\\\evil.example",
                "http://" + authority + "@evil.example/", "http://evil.example\\@" + authority + "/",
                "javascript:alert(1)", "data:text/html,hi", "https:evil.example", " //evil.example", "http://evil.example:"
                        + server.baseUrl().getPort() + "/", "https://" + authority + "/", "\t/\t/evil.example",
                "http://localhost." + ":" + server.baseUrl().getPort() + "/")) {
            Response r = browser.postForm("/api/auth/callback/credentials", Map.of("csrfToken", csrf, "email", "ada@example.org",
                    "password", PASSWORD, "callbackUrl", evil, "json", "true"));
            String url = (String) r.json().get("url");
            assertThat(url).as(evil).satisfiesAnyOf(u -> assertThat(u).isEqualTo(base), u -> assertThat(u).startsWith(base + "/"));
            URI parsed = URI.create(url.replace("\\", "%5C").replace("\t", "%09"));
            assertThat(parsed.getHost()).as(evil).isEqualTo("localhost");
            assertThat(parsed.getRawUserInfo()).as(evil).isNull();
        }
    }

    // ---- links and redirects ignore Host / X-Forwarded-Host ----

    @Test
    void mailedLinksAndRedirectsComeFromTheConfiguredUrlWhateverTheHostHeadersSay() throws IOException {
        String base = server.baseUrl().toString();
        String body = "{\"email\":\"ada@example.org\"}";
        String answer = raw("POST /api/auth/forgot-password HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                + "X-Forwarded-Proto: https\r\nForwarded: host=evil.example;proto=https\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer).startsWith("HTTP/1.1 200");
        Mail reset = server.mailer().lastTo("ada@example.org", Mail.PasswordReset.class).orElseThrow();
        assertThat(reset.link().toString()).startsWith(base + "/auth/reset-password?token=");

        String registration = "{\"firstName\":\"Eve\",\"lastName\":\"X\",\"email\":\"eve@example.org\",\"password\":\"" + PASSWORD + "\"}";
        raw("POST /api/auth/register HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + registration.length() + "\r\nConnection: close\r\n\r\n"
                + registration);
        assertThat(server.mailer().lastTo("eve@example.org", Mail.Confirmation.class).orElseThrow().link().toString())
                .startsWith(base + "/auth/confirm-email?token=");
        assertThat(server.mailer().sent()).allSatisfy(m -> assertThat(m.link().toString()).startsWith(base + "/"));

        // A plain form sign-out redirects to the public origin, not to the claimed host.
        String signOut = raw("POST /api/auth/signout HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(signOut).startsWith("HTTP/1.1 302");
        assertThat(location(signOut)).contains(base + "/auth/sign-in?csrf=true");
    }

    private static Optional<String> location(String response) {
        return response.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)).map(l -> l.substring(9).strip())
                .findFirst();
    }

    /** One raw HTTP/1.1 exchange: java.net.http will not send a Host header of our choosing. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.baseUrl().getPort())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
