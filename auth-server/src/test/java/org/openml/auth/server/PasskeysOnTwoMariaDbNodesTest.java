package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.jdbc.ScratchMysqlDatabase;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;

/**
 * Passkeys through the real Yubico verifier on MariaDB with OpenML's legacy schema, across two
 * nodes as behind a load balancer: a ceremony started on one node is finished on the other (the
 * challenge lives in the database), and the passkey stored by one signs in on the other.
 */
class PasskeysOnTwoMariaDbNodesTest {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    private AuthServer a;
    private AuthServer b;
    private String originA;
    private String originB;

    @BeforeEach
    void startNodes() throws Exception {
        int portA = MysqlNodes.freePort();
        int portB = MysqlNodes.freePort();
        originA = "http://localhost:" + portA;
        originB = "http://localhost:" + portB;
        a = start(portA);
        b = start(portB);
        mysql.db().deleteAccounts();
    }

    private AuthServer start(int port) throws Exception {
        Map<String, String> env = MysqlNodes.env(mysql.db().config(), port);
        // One site behind a load balancer: both nodes accept ceremonies from either address.
        env.put("RP_ID", "localhost");
        env.put("RP_ORIGIN", originA + "," + originB);
        AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), new RecordingMailer()).start();
        MysqlNodes.awaitReady(MysqlNodes.client(server));
        return server;
    }

    @AfterEach
    void stopNodes() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    void signUpStartedOnOneNodeFinishesOnTheOtherAndThePasskeySignsInEverywhere() {
        SoftwareAuthenticator device = new SoftwareAuthenticator();
        // One browser: cookies are per host, so the ceremony cookie from A reaches B.
        AuthHttpClient browser = MysqlNodes.client(a);

        Response options = browser.postJson(originA + "/api/auth/passkey/signup-options",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org"));
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        Response signedUp = browser.postJson(originB + "/api/auth/passkey/signup-verify",
                Map.of("credential", device.create(options.json(), originA)));
        assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(200);
        assertThat(mysql.db().count("SELECT COUNT(*) FROM user_passkeys")).isEqualTo(1);
        assertThat(mysql.db().strings("SELECT username FROM users WHERE email = 'ada@example.org'")).containsExactly("alovelace");

        AuthHttpClient other = MysqlNodes.client(b);
        Response login = other.get(originB + "/api/auth/passkey/login-options");
        Response verified = other.postJson(originA + "/api/auth/passkey/login-verify",
                Map.of("credential", device.get(login.json(), originB)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(other.get(originA + "/api/auth/passkey/list").json().get("passkeys")).asList().hasSize(1);

        Response replay = other.postJson(originB + "/api/auth/passkey/login-verify",
                Map.of("credential", device.get(login.json(), originB)));
        assertThat(replay.status()).as("the challenge was used on A").isIn(400, 401);
    }
}
