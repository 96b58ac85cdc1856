package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;

/** Passkey sign-up and sign-in against the real server: SQLite file, Yubico verification, RP_ID / RP_ORIGIN. */
class PasskeyEndToEndTest {
    static final String P = "/api/auth/passkey/";

    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Map<String, String> env(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEXTAUTH_URL", "http://localhost:" + port);
        env.put("NEXTAUTH_SECRET", "end-to-end-secret-0123456789abcdef0123");
        env.put("SQLITE_PATH", dir.resolve("auth.db").toString());
        env.put("RP_ID", "localhost");
        env.put("RP_ORIGIN", "http://localhost:" + port);
        return env;
    }

    @Test
    void signUpAndSignInWithAPasskeySurviveARestart() throws Exception {
        int port = freePort();
        String origin = "http://localhost:" + port;
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env(port))).start()) {
            AuthHttpClient browser = new AuthHttpClient(URI.create(origin));
            Response options = browser.postJson(P + "signup-options",
                    Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org"));
            assertThat(options.status()).as(options.body()).isEqualTo(200);
            Response signedUp = browser.postJson(P + "signup-verify", Map.of("credential", authenticator.create(options.json(), origin)));
            assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(200);
        }
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env(port))).start()) {
            AuthHttpClient other = new AuthHttpClient(URI.create(origin));
            Response options = other.get(P + "login-options");
            Response signedIn = other.postJson(P + "login-verify", Map.of("credential", authenticator.get(options.json(), origin)));
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
            assertThat(other.get("/api/auth/session").json()).containsKey("user");
            assertThat(other.get(P + "list").json().get("passkeys")).asList().hasSize(1);
        }
    }

    @Test
    void originsOffTheRpIdAreAConfigurationError() {
        Map<String, String> env = env(3050);
        env.put("RP_ID", "openml.org");
        env.put("RP_ORIGIN", "https://www.openml.org,https://openml.evil.example");

        assertThatThrownBy(() -> AuthServerConfig.fromEnv(env))
                .isInstanceOf(AuthServerConfig.ConfigException.class)
                .hasMessageContaining("RP_ORIGIN entry 'https://openml.evil.example' is not on RP_ID 'openml.org'");
    }

    @Test
    void rpIdAndOriginsDefaultToLocalhostAndThePublicUrl() {
        Map<String, String> env = env(3050);
        env.remove("RP_ID");
        env.remove("RP_ORIGIN");

        AuthServerConfig config = AuthServerConfig.fromEnv(env);

        assertThat(config.webAuthn().rpId()).isEqualTo("localhost");
        assertThat(config.webAuthn().origins()).containsExactly("http://localhost:3050");
        env.put("RP_ID", "openml.org");
        env.put("RP_ORIGIN", "https://www.openml.org/, https://openml.org");
        assertThat(AuthServerConfig.fromEnv(env).webAuthn().origins())
                .containsExactlyInAnyOrder("https://www.openml.org", "https://openml.org");
    }
}
