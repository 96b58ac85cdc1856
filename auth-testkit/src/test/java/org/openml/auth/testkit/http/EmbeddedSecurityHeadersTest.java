package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openml.auth.http.AuthPlugin;
import org.openml.auth.http.ErrorResponses;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;

/**
 * The plugin alone, mounted in someone else's Javalin app: its own {@code /api/*} answers carry
 * the security headers (errors and oversized bodies included), the host app's routes are left
 * as the app sets them. The standalone server's headers on every route are in auth-server's
 * {@code SecurityHeadersTest}.
 */
class EmbeddedSecurityHeadersTest {

    @Test
    void theApiOfTheEmbeddedPluginCarriesTheHeadersAndTheHostsRoutesAreItsOwn() {
        try (TestAuthServer auth = TestAuthServer.start()) {
            Javalin host = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.registerPlugin(new AuthPlugin(auth.services(), auth.clock(), "/auth-service"));
                ErrorResponses.install(config.routes);
                config.routes.get("/host-page", ctx -> ctx.result("the host's own"));
            }).start("127.0.0.1", 0);
            try {
                AuthHttpClient client = new AuthHttpClient(URI.create("http://localhost:" + host.port()));
                for (Response r : new Response[] {client.get("/auth-service/api/auth/csrf"),
                        client.get("/auth-service/api/no-such-route"),
                        client.postJson("/auth-service/api/auth/register", Map.of("email", "x")),
                        client.postRaw("/auth-service/api/auth/passkey/register-options", "application/json", "{\"a\":\"" + "x".repeat(70_000) + "\"}")}) {
                    assertThat(r.header("Content-Security-Policy")).as(r.body()).contains("default-src 'none'; frame-ancestors 'none'");
                    assertThat(r.header("X-Frame-Options")).contains("DENY");
                    assertThat(r.header("Referrer-Policy")).contains("no-referrer");
                    assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
                    assertThat(r.header("Cache-Control")).contains("no-store");
                    assertThat(r.header("Strict-Transport-Security")).as("http public URL").isEmpty();
                }
                assertThat(client.postRaw("/auth-service/api/auth/passkey/register-options", "application/json",
                        "{\"a\":\"" + "x".repeat(70_000) + "\"}").status()).as("declared oversize, a route that reads no body").isEqualTo(413);
                Response hostPage = client.get("/host-page");
                assertThat(hostPage.body()).isEqualTo("the host's own");
                assertThat(hostPage.header("Content-Security-Policy")).as("the host decides for its own routes").isEmpty();
            } finally {
                host.stop();
            }
        }
    }
}
