package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.RecordingMailer;

class OAuthConfigTest {
    @TempDir
    Path dir;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("SQLITE_PATH", dir.resolve("auth.db").toString());
        for (int i = 0; i + 1 < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return env;
    }

    @Test
    void noCredentialsMeansNoProviders() {
        assertThat(AuthServerConfig.fromEnv(env()).oauth().configured()).isEmpty();
    }

    @Test
    void anIdWithoutItsSecretIsListedWithTheOtherProblems() {
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(env("GITHUB_ID", "abc", "GOOGLE_SECRET", "s", "PORT", "nope")))
                .isInstanceOfSatisfying(AuthServerConfig.ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("GITHUB_ID and GITHUB_SECRET must be set together (GITHUB_SECRET is missing)"))
                        .anyMatch(p -> p.startsWith("GOOGLE_ID and GOOGLE_SECRET must be set together (GOOGLE_ID is missing)"))
                        .anyMatch(p -> p.startsWith("PORT")));
    }

    @Test
    void urlOverridesKeepTheirPathAndSecretsAreRedacted() {
        AuthServerConfig config = AuthServerConfig.fromEnv(env("GITHUB_ID", "gh", "GITHUB_SECRET", "gh-secret-value",
                "GITHUB_URL", "https://ghe.example.com", "GITHUB_API_URL", "https://ghe.example.com/api/v3",
                "GOOGLE_ID", "g", "GOOGLE_SECRET", "g-secret-value", "GOOGLE_ISSUER", "http://localhost:8080/google"));
        assertThat(config.oauth().configured()).containsExactly("github", "google");
        assertThat(config.oauth().github().orElseThrow().apiUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
        assertThat(config.oauth().google().orElseThrow().baseUrl()).isEqualTo(URI.create("http://localhost:8080/google"));
        assertThat(config.toString()).contains("oauth=github, google").doesNotContain("secret-value");
        assertThat(config.oauth().github().orElseThrow().toString()).doesNotContain("secret-value");
    }

    @Test
    void theServerListsAndStartsExactlyTheConfiguredProviders() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = env("PORT", Integer.toString(port), "HOST", "127.0.0.1", "NEXTAUTH_URL", "http://localhost:" + port,
                "NEXTAUTH_SECRET", "oauth-config-test-secret-0123456789abcdef", "GITHUB_ID", "gh-client", "GITHUB_SECRET", "gh-secret",
                "GITHUB_URL", "https://ghe.example.com");
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), new RecordingMailer()).start()) {
            AuthHttpClient browser = new AuthHttpClient(URI.create("http://localhost:" + server.port()));
            Map<String, Object> providers = browser.get("/api/auth/providers").json();
            assertThat(providers).containsOnlyKeys("credentials", "github");
            assertThat(providers.get("github")).isEqualTo(Map.of("id", "github", "name", "GitHub", "type", "oauth",
                    "signinUrl", "http://localhost:" + port + "/api/auth/signin/github",
                    "callbackUrl", "http://localhost:" + port + "/api/auth/callback/github"));

            AuthHttpClient.Response start = browser.get("/api/auth/signin/github");
            assertThat(start.status()).isEqualTo(302);
            assertThat(start.header("Location").orElseThrow())
                    .startsWith("https://ghe.example.com/login/oauth/authorize?client_id=gh-client&redirect_uri="
                            + java.net.URLEncoder.encode("http://localhost:" + port + "/api/auth/callback/github",
                                    java.nio.charset.StandardCharsets.UTF_8));
            // The state waits in the database (shared by nodes), not in this node's memory.
            AuthHttpClient.Response bad = browser.get("/api/auth/callback/github?code=x&state=y");
            assertThat(bad.header("Location").orElseThrow()).contains("/auth/error?error=OAuthCallback");
            assertThat(List.of(bad.status())).containsExactly(302);
        }
    }
}
