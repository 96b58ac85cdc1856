package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.http.AuthPlugin;
import org.openml.auth.http.ErrorResponses;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** Without {@code AuthServices.Builder#passkeys}, the passkey routes exist and say so. */
class PasskeysDisabledTest {

    @Test
    void everyPasskeyRouteAnswers404PasskeysDisabled() {
        InMemoryStores stores = InMemoryStores.create();
        AuthServices services = AuthServices.builder().users(stores.users()).confirmationTokens(stores.confirmationTokens())
                .resetTokens(stores.resetTokens()).apiKeys(stores.apiKeys()).auditEvents(stores.auditEvents()).attemptLimiter(stores.attempts())
                .sessionRevocations(stores.sessionRevocations()).unprovenEmails(stores.unprovenEmails())
                .accountRemoval(stores.accountRemoval()).emailChanges(stores.emailChanges())
                .passwordHasher(TestAuthServer.start().hasher()).mailer(new RecordingMailer())
                .publicUrl(URI.create("http://localhost")).sessionSecret(TestAuthServer.SECRET).build();
        assertThat(services.passkeys()).isEmpty();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new AuthPlugin(services, Clock.systemUTC(), ""));
            ErrorResponses.install(config.routes);
        }).start("127.0.0.1", 0);
        try {
            AuthHttpClient client = new AuthHttpClient(URI.create("http://localhost:" + app.port()));
            for (Response r : new Response[] {client.get("/api/auth/passkey/login-options"),
                    client.postJson("/api/auth/passkey/signup-options", Map.of("email", "a@example.org")),
                    client.get("/api/auth/passkey/list")}) {
                assertThat(r.status()).isEqualTo(404);
                assertThat(r.json()).containsEntry("code", "passkeys_disabled")
                        .containsEntry("error", "Passkeys are not enabled on this server");
            }
        } finally {
            app.stop();
        }
    }
}
