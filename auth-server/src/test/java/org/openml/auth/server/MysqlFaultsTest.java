package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.jdbc.MysqlConfig;
import org.openml.auth.jdbc.ScratchMysqlDatabase;
import org.openml.auth.jdbc.TcpProxy;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;

/** The server and its database failing: down at start-up, gone mid-run, back again. */
class MysqlFaultsTest {
    static final String PASSWORD = "correct horse battery staple";
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    private static Response register(AuthHttpClient client, String email) {
        return client.postJson("/api/auth/register", Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email,
                "password", PASSWORD));
    }

    @Test
    void aServerWhoseDatabaseIsDownStartsAnswersHealthAndBecomesReadyWhenTheDatabaseAnswers() throws Exception {
        try (TcpProxy database = TcpProxy.reserve("127.0.0.1", mysql.db().config().port())) {
            MysqlConfig c = mysql.db().config();
            MysqlConfig throughProxy = MysqlConfig.builder("127.0.0.1", c.database()).port(database.port())
                    .credentials(c.user(), c.password().orElse(null)).sslMode(c.sslMode()).build();
            Map<String, String> env = MysqlNodes.env(throughProxy, MysqlNodes.freePort());
            env.put("MYSQL_RETRY_MAX_DELAY", "PT0.2S");

            long start = System.nanoTime();
            try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(),
                    new RecordingMailer()).start()) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("start-up does not wait for the database")
                        .isLessThan(Duration.ofSeconds(10));
                AuthHttpClient client = MysqlNodes.client(server);

                assertThat(client.get("/health").json()).containsEntry("status", "ok");
                Response ready = client.get("/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json()).containsEntry("status", "unavailable").containsEntry("code", "store_unavailable");
                Response refused = register(client, "early@example.org");
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.json()).containsEntry("code", "store_unavailable")
                        .containsEntry("message", "The service is temporarily unavailable. Please try again later.");

                database.start();
                MysqlNodes.awaitReady(client);
                assertThat(register(client, "ada@example.org").status()).isEqualTo(201);

                // The database goes away mid-run: 503s in JSON, health still fine, then back to normal.
                database.stop();
                Response lost = register(client, "grace@example.org");
                assertThat(lost.status()).isEqualTo(503);
                assertThat(lost.json()).containsEntry("code", "store_unavailable");
                assertThat(client.get("/ready").status()).isEqualTo(503);
                assertThat(client.get("/health").status()).isEqualTo(200);

                database.start();
                MysqlNodes.awaitReady(client);
                assertThat(register(client, "grace@example.org").status()).isEqualTo(201);
                assertThat(mysql.db().count("SELECT COUNT(*) FROM users WHERE email LIKE '%@example.org'")).isEqualTo(2);
                assertThat(mysql.db().count("SELECT COUNT(*) FROM users_groups")).as("no half-written account").isEqualTo(2);
            }
        }
    }
}
