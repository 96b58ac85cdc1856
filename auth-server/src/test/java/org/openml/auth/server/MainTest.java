package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String command, Map<String, String> env) {
        return Main.run(command, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badConfigurationExitsWith2AndSaysWhy() {
        assertThat(run("serve", Map.of("PORT", "x"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid configuration").contains("PORT must be a whole number");
    }

    @Test
    void unknownCommandsAreRefused() {
        assertThat(run("frobnicate", Map.of())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'frobnicate'");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help", Map.of())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve").contains("init-db").contains("doctor");
    }

    @Test
    void initDbCreatesTheSchemaAndDoctorChecksIt(@TempDir Path dir) {
        Path db = dir.resolve("nested/auth.db");
        assertThat(run("init-db", Map.of("SQLITE_PATH", db.toString()))).isZero();
        assertThat(Files.exists(db)).isTrue();

        assertThat(run("doctor", Map.of("SQLITE_PATH", db.toString(), "NEXTAUTH_SECRET", "x".repeat(40)))).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("database: ok").contains("smtp: not configured")
                .contains("passkeys: ok (RP ID localhost").contains("oauth: no providers configured").doesNotContain("x".repeat(40));
    }

    @Test
    void doctorFlagsAPublicUrlThatIsNoPasskeyOriginAndListsOAuthCallbacks(@TempDir Path dir) {
        int code = run("doctor", Map.of("SQLITE_PATH", dir.resolve("a.db").toString(), "NEXTAUTH_URL", "http://localhost:3050",
                "RP_ORIGIN", "http://localhost:4000", "GITHUB_ID", "id", "GITHUB_SECRET", "secret"));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("passkeys: PROBLEM")
                .contains("register the callback URL http://localhost:3050/api/auth/callback/github");
    }

    @Test
    void doctorReportsAnUnreachableSmtpServer(@TempDir Path dir) throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        int code = run("doctor", Map.of("SQLITE_PATH", dir.resolve("a.db").toString(), "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(closed)));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("smtp: FAILED");
    }

    /** Issue 16, finding 5: a growing outbox backlog shows in doctor (the sender's log warns too). */
    @Test
    void doctorShowsTheMailOutboxAndWarnsAboutAnOldBacklog(@TempDir Path dir) {
        Path db = dir.resolve("auth.db");
        assertThat(run("init-db", Map.of("SQLITE_PATH", db.toString()))).isZero();
        try (org.openml.auth.jdbc.JdbcStores stores = org.openml.auth.jdbc.JdbcStores.sqlite(db)) {
            stores.mailOutbox().add("v1.sealed", java.time.Instant.now().minus(java.time.Duration.ofMinutes(42)));
            stores.mailOutbox().add("v1.sealed", java.time.Instant.now());
        }
        run("doctor", Map.of("SQLITE_PATH", db.toString()));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("warning: mail outbox: 2 mail(s) waiting, the oldest for 42 min")
                .contains("mails are not going out");
    }
}
