package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.openml.auth.jdbc.MysqlConfig;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.RecordingMailer;

/** Server nodes on a MySQL/MariaDB database, configured as an operator would: through the environment. */
final class MysqlNodes {
    static final String SECRET = "one-secret-shared-by-every-node-0123456789abcdef";

    private MysqlNodes() {}

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The environment of a node on {@code port} using {@code mysql} (through MYSQL_*, as in production). */
    static Map<String, String> env(MysqlConfig mysql, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEXTAUTH_URL", "http://localhost:" + port);
        env.put("NEXTAUTH_SECRET", SECRET);
        env.put("MYSQL_HOST", mysql.host());
        env.put("MYSQL_PORT", Integer.toString(mysql.port()));
        env.put("MYSQL_USER", mysql.user());
        mysql.password().ifPresent(p -> env.put("MYSQL_PASSWORD", p));
        env.put("MYSQL_DATABASE", mysql.database());
        env.put("MYSQL_SSL_MODE", mysql.sslMode().name());
        env.put("MYSQL_CONNECT_TIMEOUT", "PT1S");
        return env;
    }

    /** A started node on a free port that has reached its database. */
    static AuthServer start(MysqlConfig mysql, RecordingMailer mailer) throws Exception {
        AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env(mysql, freePort())), Clock.systemUTC(), mailer)
                .start();
        awaitReady(client(server));
        return server;
    }

    static AuthHttpClient client(AuthServer server) {
        return new AuthHttpClient(URI.create("http://localhost:" + server.port()));
    }

    static void awaitReady(AuthHttpClient client) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (client.get("/ready").status() != 200) {
            assertThat(System.nanoTime()).as("the node became ready in 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
