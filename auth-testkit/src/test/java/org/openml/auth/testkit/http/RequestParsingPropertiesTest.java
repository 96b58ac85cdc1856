package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;

/**
 * Whatever body and content type a client sends to the POST routes, the answer is a clear 4xx
 * (or the route's success) as JSON with a code, never a 500, and the server keeps answering.
 */
class RequestParsingPropertiesTest {
    static TestAuthServer server;
    static AuthHttpClient client;

    @BeforeContainer
    static void start() {
        server = TestAuthServer.start();
        client = server.newClient();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<String> route() {
        return Arbitraries.of("/api/auth/register", "/api/auth/resend-confirmation", "/api/auth/forgot-password",
                "/api/auth/reset-password", "/api/auth/confirm", "/api/auth/callback/credentials", "/api/auth/signout",
                "/api/user/whoami", "/api/auth/passkey/signup-options", "/api/auth/passkey/login-verify");
    }

    @Provide
    Arbitrary<String> contentType() {
        return Arbitraries.of("application/json", "application/x-www-form-urlencoded", "text/plain",
                "application/json; charset=utf-8", "multipart/form-data; boundary=x");
    }

    @Provide
    Arbitrary<String> body() {
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789truefalsenull \\uemailpassword%&=")
                .ofMaxLength(200);
        Arbitrary<String> objects = Arbitraries.strings().ofMaxLength(40).map(v -> "{\"email\":" + v + ",\"password\":\"" + v + "\"}");
        Arbitrary<String> deep = Arbitraries.integers().between(1, 2000).map(n -> "[".repeat(n) + "]".repeat(n));
        Arbitrary<String> form = Arbitraries.strings().withChars("abc=&%+0123456789email").ofMaxLength(120);
        return Arbitraries.oneOf(jsonish, objects, deep, form, Arbitraries.strings().all().ofMaxLength(100));
    }

    @Property(tries = 300)
    void noBodyMakesTheServerFail(@ForAll("route") String route, @ForAll("contentType") String contentType,
            @ForAll("body") String body) {
        Response r = client.postRaw(route, contentType, body);

        assertThat(r.status()).as(route + " " + contentType + " " + body).isLessThan(500);
        if (r.status() >= 400 && !route.endsWith("/credentials") && !route.endsWith("/signout")) {
            assertThat(r.json()).containsKey("code");
        }
    }
}
