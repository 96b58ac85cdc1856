package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Username;
import org.openml.auth.jdbc.JdbcStores;

/** {@code users …} on the configured (SQLite) database, as an operator types it. */
class UsersCommandTest {
    @TempDir
    Path dir;
    Map<String, String> env;
    String out;
    String err;

    @BeforeEach
    void account() {
        env = ServerEnv.sqlite(dir, ServerEnv.freePort());
        try (JdbcStores stores = JdbcStores.sqlite(dir.resolve("auth.db"))) {
            stores.users().create(new NewUser(new Username("ada"), new Email("ada@example.org"), "Ada", "Lovelace",
                    new PasswordHash("$argon2i$v=19$m=16384,t=4,p=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"), false,
                    new ApiKey("0123456789abcdef0123456789abcdef"), "127.0.0.1", Instant.now()));
        }
    }

    private int users(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "users";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, env, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void anOperatorFindsShowsConfirmsEndsSessionsAndDeletesWithoutSeeingSecrets() {
        assertThat(users("find", "lovelace")).isZero();
        assertThat(out).contains("\tada\tada@example.org\tinactive").contains("1 account(s)");

        assertThat(users("confirm", "ada@example.org")).isZero();
        assertThat(out).contains("(ada@example.org): confirmed");
        assertThat(users("show", "ada")).isZero();
        assertThat(out).contains("email:          ada@example.org (confirmed)").contains("API key:        set")
                .doesNotContain("0123456789abcdef0123456789abcdef").doesNotContain("$argon2");

        assertThat(users("lock", "ada")).isZero();
        assertThat(out).contains(": locked");
        assertThat(users("show", "ada")).isZero();
        assertThat(out).contains("locked:         true");
        assertThat(users("unlock", "ada")).isZero();
        assertThat(out).contains(": unlocked");

        assertThat(users("revoke-sessions", "ada")).isZero();
        assertThat(out).contains("every session ended");
        assertThat(users("send-reset", "ada")).isZero();
        assertThat(out).contains("reset link queued");

        assertThat(users("delete", "ada")).isZero();
        assertThat(out).contains(": deleted");
        assertThat(users("show", "ada")).isEqualTo(1);
        assertThat(err).contains("No account is ada");
    }

    @Test
    void aLockStopsTheApiKeyOnTheRunningServerUntilUnlocked() throws Exception {
        assertThat(users("confirm", "ada")).isZero();
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env), java.time.Clock.systemUTC(),
                new org.openml.auth.testkit.RecordingMailer()).start()) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest whoami = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/user/whoami"))
                    .header("Authorization", "Bearer 0123456789abcdef0123456789abcdef").build();
            java.net.http.HttpResponse.BodyHandler<String> text = java.net.http.HttpResponse.BodyHandlers.ofString();
            assertThat(http.send(whoami, text).statusCode()).isEqualTo(200);

            assertThat(users("lock", "ada")).isZero();
            assertThat(http.send(whoami, text).statusCode()).as("the server reads the lock the command wrote").isEqualTo(401);

            assertThat(users("unlock", "ada")).isZero();
            assertThat(http.send(whoami, text).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badUsageIsExplained() {
        assertThat(users("find")).isEqualTo(2);
        assertThat(err).contains("Usage: java -jar openml-auth-server.jar users");
        assertThat(users("lock-out", "ada")).isEqualTo(2);
        assertThat(err).contains("Unknown users action 'lock-out'");
    }
}
