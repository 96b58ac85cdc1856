package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.RecordingMailer;

/**
 * Two server processes' worth of state on one database file: whatever one node issues or
 * changes, the other sees at once (no node keeps tokens or keys in memory).
 */
class TwoNodesOnSqliteTest {
    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    AuthServer node(int port, RecordingMailer mailer) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEXTAUTH_URL", "http://localhost:" + port);
        env.put("NEXTAUTH_SECRET", "two-nodes-share-this-secret-0123456789abcdef");
        env.put("SQLITE_PATH", dir.resolve("shared.db").toString());
        return AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), mailer).start();
    }

    @Test
    void tokensSessionsAndKeysWorkAcrossNodes() throws Exception {
        RecordingMailer mailA = new RecordingMailer();
        RecordingMailer mailB = new RecordingMailer();
        int portA = freePort();
        int portB = freePort();
        try (AuthServer a = node(portA, mailA); AuthServer b = node(portB, mailB)) {
            AuthHttpClient onA = new AuthHttpClient(URI.create("http://localhost:" + portA));
            AuthHttpClient onB = new AuthHttpClient(URI.create("http://localhost:" + portB));

            onA.postJson("/api/auth/register", Map.of("firstName", "Ada", "lastName", "L", "email", "ada@example.org", "password", PASSWORD));
            String confirmation = RecordingMailer.tokenOf(mailA.lastTo("ada@example.org", Mail.Confirmation.class).orElseThrow().link());
            assertThat(onB.get("/api/auth/confirm-email?token=" + confirmation).status()).as("issued on A, redeemed on B").isEqualTo(200);

            assertThat(onA.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
            String oldKey = (String) onA.get("/api/user/api-key").json().get("apikey");
            assertThat(onB.get("/api/user/whoami?api_key=" + oldKey).status()).isEqualTo(200);
            String newKey = (String) onA.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", onA.csrfToken())
                    .json().get("apiKey");
            assertThat(onB.get("/api/user/whoami?api_key=" + oldKey).status()).as("rotated on A, refused on B at once").isEqualTo(401);
            assertThat(onB.get("/api/user/whoami?api_key=" + newKey).status()).isEqualTo(200);

            assertThat(onB.postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org")).status()).isEqualTo(200);
            String reset = RecordingMailer.tokenOf(mailB.lastTo("ada@example.org", Mail.PasswordReset.class).orElseThrow().link());
            assertThat(onA.postJson("/api/auth/reset-password", Map.of("token", reset, "password", "another passphrase")).status())
                    .isEqualTo(200);
            assertThat(onB.postJson("/api/auth/reset-password", Map.of("token", reset, "password", "third passphrase")).json())
                    .as("used on A, refused on B").containsEntry("code", "token_used");
            assertThat(onB.signIn("ada@example.org", "another passphrase").status()).isEqualTo(200);
        }
    }
}
