package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
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
 * Two server nodes on one MariaDB database count together: failures on one node pause password
 * sign-in on the other, and a client's per-address budget is spent on both.
 */
class RateLimitsOnTwoMariaDbNodesTest {
    static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();
    private final RecordingMailer mail = new RecordingMailer();
    private AuthServer a;
    private AuthServer b;
    private AuthHttpClient onA;
    private AuthHttpClient onB;

    private AuthServer node() throws Exception {
        Map<String, String> env = MysqlNodes.env(mysql.db().config(), MysqlNodes.freePort());
        env.put("AUTH_LOCK_AFTER_FAILURES", "3");
        env.put("AUTH_LIMIT_REGISTER", "3/PT1H");
        AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), mail).start();
        MysqlNodes.awaitReady(MysqlNodes.client(server));
        return server;
    }

    @BeforeEach
    void startNodes() throws Exception {
        a = node();
        b = node();
        mysql.db().deleteAccounts();
        onA = MysqlNodes.client(a);
        onB = MysqlNodes.client(b);
    }

    @AfterEach
    void stopNodes() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    void failuresOnOneNodePausePasswordSignInOnTheOther() {
        assertThat(onA.postJson("/api/auth/register", Map.of("firstName", "Ada", "lastName", "Lovelace", "email",
                "ada@example.org", "password", PASSWORD)).status()).isEqualTo(201);
        String token = RecordingMailer.tokenOf(mail.lastTo("ada@example.org", Mail.Confirmation.class).orElseThrow().link());
        assertThat(onB.get("/api/auth/confirm-email?token=" + token).status()).isEqualTo(200);

        assertThat(onA.signIn("ada@example.org", "wrong").status()).isEqualTo(401);
        assertThat(onB.signIn("ada@example.org", "wrong").status()).isEqualTo(401);
        assertThat(onA.signIn("ada@example.org", "wrong").status()).isEqualTo(401);

        AuthHttpClient.Response paused = onB.signIn("ada@example.org", PASSWORD);
        assertThat(paused.status()).isEqualTo(429);
        assertThat(paused.json()).containsEntry("code", "sign_in_locked");
        assertThat(Integer.parseInt(paused.header("Retry-After").orElseThrow())).isBetween(1, 30);
        assertThat(onA.signIn("ada@example.org", PASSWORD).status()).isEqualTo(429);
        assertThat(mysql.db().count("SELECT COUNT(*) FROM auth_attempt")).isPositive();
        assertThat(mysql.db().count("SELECT COUNT(*) FROM auth_attempt WHERE attempt_key NOT REGEXP '^[0-9a-f]{64}$'"))
                .as("keys are hashes: no emails or addresses in clear").isZero();
    }

    @Test
    void aClientsBudgetIsSpentOnBothNodes() {
        for (AuthHttpClient node : new AuthHttpClient[] {onA, onB, onA}) {
            assertThat(node.postJson("/api/auth/register", Map.of("email", "x@example.org")).status()).isEqualTo(400);
        }
        AuthHttpClient.Response refused = onB.postJson("/api/auth/register", Map.of("email", "x@example.org"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(onA.postJson("/api/auth/register", Map.of("email", "x@example.org")).status()).isEqualTo(429);
    }
}
