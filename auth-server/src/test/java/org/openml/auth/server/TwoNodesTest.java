package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.jdbc.ScratchMysqlDatabase;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.RecordingMailer;

/**
 * Two server nodes (two AuthServer instances, two ports) on one MariaDB database, as behind a
 * load balancer with one NEXTAUTH_SECRET: one-time tokens, sessions and API keys live in the
 * database, so whatever one node issues or uses, the other honours or refuses at once.
 */
class TwoNodesTest {
    static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();
    private final RecordingMailer mailA = new RecordingMailer();
    private final RecordingMailer mailB = new RecordingMailer();
    private AuthServer a;
    private AuthServer b;
    private AuthHttpClient onA;
    private AuthHttpClient onB;

    @BeforeEach
    void startNodes() throws Exception {
        a = MysqlNodes.start(mysql.db().config(), mailA);
        b = MysqlNodes.start(mysql.db().config(), mailB);
        mysql.db().deleteAccounts();
        onA = MysqlNodes.client(a);
        onB = MysqlNodes.client(b);
    }

    @AfterEach
    void stopNodes() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    private String registerOnA(String email) {
        assertThat(onA.postJson("/api/auth/register", Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email,
                "password", PASSWORD)).status()).isEqualTo(201);
        return RecordingMailer.tokenOf(mailA.lastTo(email, Mail.Confirmation.class).orElseThrow().link());
    }

    @Test
    void aConfirmationTokenIssuedOnOneNodeIsRedeemedOnTheOtherOnce() {
        String token = registerOnA("ada@example.org");

        assertThat(onB.get("/api/auth/confirm-email?token=" + token).json()).containsEntry("email", "ada@example.org");
        assertThat(onA.get("/api/auth/confirm-email?token=" + token).json())
                .as("deleted on B, so unknown on A").containsEntry("code", "token_invalid");
        assertThat(onA.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aResetTokenUsedOnOneNodeIsRefusedOnTheOther() {
        onB.get("/api/auth/confirm-email?token=" + registerOnA("ada@example.org"));
        assertThat(onB.postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org")).status()).isEqualTo(200);
        String reset = RecordingMailer.tokenOf(mailB.lastTo("ada@example.org", Mail.PasswordReset.class).orElseThrow().link());

        assertThat(onA.postJson("/api/auth/reset-password", Map.of("token", reset, "password", "another passphrase"))
                .status()).isEqualTo(200);
        assertThat(onB.postJson("/api/auth/reset-password", Map.of("token", reset, "password", "third passphrase")).json())
                .as("used on A, refused on B").containsEntry("code", "token_used");
        assertThat(onB.signIn("ada@example.org", "another passphrase").status()).isEqualTo(200);
        assertThat(onA.signIn("ada@example.org", "third passphrase").status()).isEqualTo(401);
    }

    @Test
    void aSessionFromOneNodeIsReadByTheOther() {
        onB.get("/api/auth/confirm-email?token=" + registerOnA("ada@example.org"));
        assertThat(onA.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);

        // One browser behind a load balancer: the cookie A set reaches B on the next request.
        String cookie = onA.cookie("next-auth.session-token").orElseThrow();
        assertThat(onB.get("/api/auth/session", "Cookie", "next-auth.session-token=" + cookie).json())
                .extracting(body -> ((Map<?, ?>) body.get("user")).get("email")).isEqualTo("ada@example.org");
    }

    /** API keys: a key rotated on one node is refused on the other at once (no node caches keys). */
    @Test
    void anApiKeyRotatedOnOneNodeIsRefusedOnTheOtherAtOnce() {
        onB.get("/api/auth/confirm-email?token=" + registerOnA("ada@example.org"));
        assertThat(onA.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
        String oldKey = (String) onA.get("/api/user/api-key").json().get("apikey");
        assertThat(onB.get("/api/user/whoami?api_key=" + oldKey).status()).isEqualTo(200);

        String newKey = (String) onA.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", onA.csrfToken())
                .json().get("apiKey");

        assertThat(onB.get("/api/user/whoami?api_key=" + oldKey).status()).as("rotated on A, refused on B").isEqualTo(401);
        assertThat(onB.get("/api/user/whoami?api_key=" + newKey).status()).isEqualTo(200);
        assertThat(mysql.db().strings("SELECT session_hash FROM users WHERE email = 'ada@example.org'")).containsExactly(newKey);
        assertThat(mysql.db().count("SELECT COUNT(*) FROM api_key_audit")).isEqualTo(1);
    }

    /** Revocation: sign-out everywhere on one node ends the session on the other at once (one shared cut-off). */
    @Test
    void aSignOutEverywhereOnOneNodeIsRefusedOnTheOther() throws InterruptedException {
        onB.get("/api/auth/confirm-email?token=" + registerOnA("ada@example.org"));
        assertThat(onA.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
        String cookie = "next-auth.session-token=" + onA.cookie("next-auth.session-token").orElseThrow();
        assertThat(onB.get("/api/auth/session", "Cookie", cookie).json()).containsKey("user");
        assertThat(onB.get("/api/user/api-key", "Cookie", cookie).status()).isEqualTo(200);
        Thread.sleep(5); // a later millisecond than the sign-in, as any real second request is

        assertThat(onA.postForm("/api/auth/signout-everywhere", Map.of("csrfToken", onA.csrfToken(), "json", "true"))
                .status()).isEqualTo(200);

        AuthHttpClient.Response session = onB.get("/api/auth/session", "Cookie", cookie);
        assertThat(session.body()).as("revoked on A, refused on B").isEqualTo("{}");
        assertThat(session.headerValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("next-auth.session-token=;"));
        assertThat(onB.get("/api/user/api-key", "Cookie", cookie).status()).isEqualTo(401);
        assertThat(mysql.db().count("SELECT COUNT(*) FROM session_revocation r JOIN users u ON u.id = r.user_id"
                + " WHERE u.email = 'ada@example.org'")).as("one row per user, moved forward").isEqualTo(1);

        AuthHttpClient again = MysqlNodes.client(b);
        assertThat(again.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
        assertThat(again.get("/api/auth/session").json()).as("a new sign-in on B").containsKey("user");
    }

    @Test
    void aPasswordResetOnOneNodeEndsSessionsOnTheOther() throws InterruptedException {
        onB.get("/api/auth/confirm-email?token=" + registerOnA("ada@example.org"));
        assertThat(onB.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
        assertThat(onB.get("/api/auth/session").json()).containsKey("user");
        Thread.sleep(5);
        onA.postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org"));
        String reset = RecordingMailer.tokenOf(mailA.lastTo("ada@example.org", Mail.PasswordReset.class).orElseThrow().link());

        assertThat(onA.postJson("/api/auth/reset-password", Map.of("token", reset, "password", "another passphrase"))
                .status()).isEqualTo(200);

        assertThat(onB.get("/api/auth/session").body()).isEqualTo("{}");
    }
}
