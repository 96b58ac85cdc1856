package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.RecordingMailer;

/** {@code AUTH_METRICS}: Prometheus text with the operator's meters, and nothing personal in any label. */
class MetricsTest {
    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    private static int freePort() {
        return ServerEnv.freePort();
    }

    private Map<String, String> env(int port) {
        return ServerEnv.sqlite(dir, port);
    }

    @Test
    void metricsCountRequestsSignInsTheHashingPoolTheDatabasePoolAndTheJvmWithoutPersonalLabels() throws Exception {
        int port = freePort();
        Map<String, String> env = env(port);
        env.put("AUTH_METRICS", "true");
        RecordingMailer mailer = new RecordingMailer();
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), mailer).start()) {
            AuthHttpClient client = new AuthHttpClient(URI.create("http://127.0.0.1:" + port));
            client.postJson("/api/auth/register", Map.of("firstName", "Meter", "lastName", "Ed", "email", "metered@example.org",
                    "password", PASSWORD));
            String token = RecordingMailer.tokenOf(mailer.lastTo("metered@example.org", Mail.Confirmation.class).orElseThrow().link());
            client.get("/api/auth/confirm-email?token=" + token);
            assertThat(client.signIn("metered@example.org", PASSWORD).status()).isEqualTo(200);
            assertThat(client.signIn("metered@example.org", "wrong password").status()).isEqualTo(401);
            client.get("/api/auth/session");
            client.get("/api/user/sessions/0123-not-a-session");
            client.get("/no/such/path/metered@example.org");

            AuthHttpClient.Response scraped = client.get("/metrics");

            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.header("Content-Type")).get().asString().startsWith("text/plain");
            String text = scraped.body();
            assertThat(text).contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/auth/callback/credentials\",status=\"200\"}")
                    .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/auth/session\"")
                    .contains("route=\"unmatched\"")
                    .contains("openml_auth_sign_ins_total{method=\"password\",outcome=\"success\"} 1.0")
                    .contains("openml_auth_sign_ins_total{method=\"password\",outcome=\"failure\"} 1.0")
                    .contains("openml_auth_hashing_completed_total")
                    .contains("openml_auth_hashing_queued")
                    .contains("openml_auth_mail_outbox_depth")
                    .contains("hikaricp_connections_active")
                    .contains("jvm_memory_used_bytes");
            // Labels carry templates and fixed words: no address, path id, token or client address.
            assertThat(text).doesNotContain("metered@example.org").doesNotContain("0123-not-a-session")
                    .doesNotContain(token).doesNotContain("127.0.0.1");
        }
    }

    @Test
    void metricsAreOffByDefaultAndOnTheirOwnPortWhenAsked() throws Exception {
        int port = freePort();
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env(port)), Clock.systemUTC(), new RecordingMailer()).start()) {
            assertThat(new AuthHttpClient(URI.create("http://127.0.0.1:" + port)).get("/metrics").status()).isEqualTo(404);
        }

        int apiPort = freePort();
        int metricsPort = freePort();
        Map<String, String> env = env(apiPort);
        env.put("AUTH_METRICS", "true");
        env.put("AUTH_METRICS_PORT", Integer.toString(metricsPort));
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), new RecordingMailer()).start()) {
            assertThat(new AuthHttpClient(URI.create("http://127.0.0.1:" + apiPort)).get("/metrics").status()).isEqualTo(404);
            HttpResponse<String> scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("jvm_memory_used_bytes");
        }
    }
}
