package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.RecordingMailer;

/** A stop as Kubernetes sends it: not ready at once, still serving through the grace, requests in flight finish. */
class GracefulStopTest {
    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSlowRequestInFlightWhenTheStopComesCompletesWith2xxWhileReadySays503() throws Exception {
        int port = ServerEnv.freePort();
        String base = "http://127.0.0.1:" + port;
        Path file = dir.resolve("auth.db");
        Map<String, String> env = ServerEnv.sqlite(dir, port);
        env.put("AUTH_SHUTDOWN_GRACE", "PT1S");
        AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), new RecordingMailer()).start();
        assertThat(get(base + "/ready").statusCode()).isEqualTo(200);

        CompletableFuture<HttpResponse<String>> slow;
        CompletableFuture<Void> stopping;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            // Another writer holds SQLite's write lock: a registration waits for it (busy timeout 10 s).
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeUpdate("UPDATE \"groups\" SET description = description WHERE id = 1");
            }
            slow = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/auth/register"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"firstName\":\"Slow\",\"lastName\":\"Request\","
                            + "\"email\":\"slow@example.org\",\"password\":\"correct horse battery staple\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(300); // the registration is now waiting on the lock
            assertThat(slow).isNotDone();

            stopping = CompletableFuture.runAsync(server::drain);
            await(server::draining);
            HttpResponse<String> ready = get(base + "/ready");
            assertThat(ready.statusCode()).as("not ready from the moment a stop is asked").isEqualTo(503);
            assertThat(ready.body()).contains("shutting_down");
            assertThat(get(base + "/health").statusCode()).as("new connections are still served").isEqualTo(200);
            Thread.sleep(700);
            other.commit(); // the lock goes; the registration goes on
        }

        HttpResponse<String> answered = slow.get(10, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        stopping.get(10, TimeUnit.SECONDS);
        HttpClient fresh = HttpClient.newHttpClient();
        assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString())).as("the port is closed once the requests finished")
                .isInstanceOf(IOException.class);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).isLessThan(until);
            Thread.sleep(10);
        }
    }
}
