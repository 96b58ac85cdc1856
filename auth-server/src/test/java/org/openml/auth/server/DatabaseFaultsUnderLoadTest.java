package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.jdbc.MysqlConfig;
import org.openml.auth.jdbc.ScratchMysqlDatabase;
import org.openml.auth.jdbc.TcpProxy;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;

/**
 * MariaDB failing while the server is busy, through a TCP proxy between the server and the
 * database (the machine's MariaDB itself is never touched): cut and restored during a stream of
 * registrations, and slowed down beyond the statement timeout. Requests fail with 503 in JSON
 * while the database is gone or too slow, recover by themselves, /health stays fast, and no
 * account is half written.
 */
class DatabaseFaultsUnderLoadTest {
    static final String PASSWORD = "correct horse battery staple";
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    record Answer(long at, String email, int status, String code) {}

    static AuthServer serverThrough(TcpProxy proxy, Map<String, String> extra) throws Exception {
        MysqlConfig c = mysql.db().config();
        MysqlConfig throughProxy = MysqlConfig.builder("127.0.0.1", c.database()).port(proxy.port())
                .credentials(c.user(), c.password().orElse(null)).sslMode(c.sslMode()).build();
        Map<String, String> env = MysqlNodes.env(throughProxy, MysqlNodes.freePort());
        env.put("MYSQL_RETRY_MAX_DELAY", "PT0.2S");
        env.put("AUTH_RATE_LIMITS", "off"); // the load comes from one address; the limits are BruteForceTest's
        env.putAll(extra);
        AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), new RecordingMailer()).start();
        MysqlNodes.awaitReady(MysqlNodes.client(server));
        return server;
    }

    /** Polls /health every 50 ms until stopped; keeps the slowest answer and any that was not 200. */
    static final class HealthWatch implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong slowestNanos = new AtomicLong();
        final AtomicLong polls = new AtomicLong();
        final ConcurrentLinkedQueue<Integer> bad = new ConcurrentLinkedQueue<>();
        final Thread thread;

        HealthWatch(AuthHttpClient client) {
            thread = new Thread(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    int status = client.get("/health").status();
                    slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    polls.incrementAndGet();
                    if (status != 200) bad.add(status);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "health-watch");
            thread.start();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aDatabaseCutDuringRegistrationsGives503sThenRecoversWithNoHalfWrittenAccount() throws Exception {
        try (TcpProxy database = TcpProxy.reserve("127.0.0.1", mysql.db().config().port()).start();
                AuthServer server = serverThrough(database, Map.of())) {
            URI base = URI.create("http://localhost:" + server.port());
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService workers = Executors.newFixedThreadPool(6);
            List<Future<?>> running = new ArrayList<>();
            long t0 = System.nanoTime();
            long cutAt;
            long restoredAt;
            try (HealthWatch health = new HealthWatch(new AuthHttpClient(base))) {
                for (int w = 0; w < 6; w++) {
                    int worker = w;
                    running.add(workers.submit(() -> {
                        AuthHttpClient client = new AuthHttpClient(base);
                        for (int i = 0; !stop.get(); i++) {
                            String email = "load-" + worker + "-" + i + "@example.org";
                            Response r = client.postJson("/api/auth/register",
                                    Map.of("firstName", "Load", "lastName", "Test", "email", email, "password", PASSWORD));
                            answers.add(new Answer(System.nanoTime() - t0, email, r.status(), code(r)));
                            Response exists = client.get("/api/auth/check-email?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
                            answers.add(new Answer(System.nanoTime() - t0, "check " + email, exists.status(), code(exists)));
                        }
                        return null;
                    }));
                }
                Thread.sleep(1_500);
                cutAt = System.nanoTime() - t0;
                database.stop();
                Thread.sleep(2_500);
                restoredAt = System.nanoTime() - t0;
                database.start();
                Thread.sleep(5_000);
                stop.set(true);
                for (Future<?> f : running) f.get(60, TimeUnit.SECONDS);
                workers.shutdown();

                assertThat(health.bad).as("health answers 200 throughout").isEmpty();
                assertThat(Duration.ofNanos(health.slowestNanos.get())).as("health stays fast").isLessThan(Duration.ofSeconds(1));
                assertThat(health.polls.get()).isGreaterThan(50);
            }

            List<Answer> all = new ArrayList<>(answers);
            System.out.printf("database cut under load: %d answers, %d x 201, %d x 503%n", all.size(),
                    all.stream().filter(a -> a.status == 201).count(), all.stream().filter(a -> a.status == 503).count());
            assertThat(all).extracting(Answer::status).as("only success or 503").allMatch(s -> s == 200 || s == 201 || s == 503);
            assertThat(all).filteredOn(a -> a.status == 503).extracting(Answer::code).allMatch(c -> c.equals("store_unavailable")
                    || c.equals("busy"));
            assertThat(all).as("503s while the database was gone")
                    .anyMatch(a -> a.status == 503 && a.at > cutAt && a.at < restoredAt + 1_000_000_000L);
            assertThat(all).as("registrations succeed again by themselves")
                    .anyMatch(a -> a.status == 201 && a.at > restoredAt);
            assertThat(all).as("and before the cut").anyMatch(a -> a.status == 201 && a.at < cutAt);

            // Every 201 is an account; every account is whole: one group row, a key, a confirmation token.
            for (Answer a : all) {
                if (a.status == 201) {
                    assertThat(mysql.db().count("SELECT COUNT(*) FROM users WHERE email = ?", a.email)).as(a.email).isEqualTo(1);
                }
            }
            assertThat(mysql.db().count("SELECT COUNT(*) FROM users u WHERE u.email LIKE 'load-%' AND"
                    + " (SELECT COUNT(*) FROM users_groups g WHERE g.user_id = u.id) <> 1")).as("accounts without their group").isZero();
            assertThat(mysql.db().count("SELECT COUNT(*) FROM users WHERE email LIKE 'load-%' AND (session_hash IS NULL OR password IS NULL"
                    + " OR password = '')")).as("accounts without key or password").isZero();
            assertThat(mysql.db().count("SELECT COUNT(*) FROM email_confirmation_token t LEFT JOIN users u ON u.id = t.user_id"
                    + " WHERE u.id IS NULL")).as("tokens of no account").isZero();
            assertThat(mysql.db().count("SELECT COUNT(*) FROM users_groups g LEFT JOIN users u ON u.id = g.user_id WHERE u.id IS NULL"))
                    .as("group rows of no account").isZero();
        }
    }

    @Test
    void aSlowDatabaseTimesOutWith503sWithoutTyingUpTheServerAndRecovers() throws Exception {
        try (TcpProxy database = TcpProxy.reserve("127.0.0.1", mysql.db().config().port()).start();
                AuthServer server = serverThrough(database, Map.of("MYSQL_SOCKET_TIMEOUT", "PT1S", "MYSQL_POOL_SIZE", "4"))) {
            URI base = URI.create("http://localhost:" + server.port());
            database.delay(Duration.ofSeconds(3));
            ExecutorService clients = Executors.newFixedThreadPool(40);
            List<Future<long[]>> calls = new ArrayList<>();
            try (HealthWatch health = new HealthWatch(new AuthHttpClient(base))) {
                for (int i = 0; i < 40; i++) {
                    String email = "slow" + i + "@example.org";
                    calls.add(clients.submit(() -> {
                        long start = System.nanoTime();
                        Response r = new AuthHttpClient(base).get("/api/auth/check-email?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
                        return new long[] {r.status(), System.nanoTime() - start, "store_unavailable".equals(code(r)) ? 1 : 0};
                    }));
                }
                long slowest = 0;
                int timedOut = 0;
                for (Future<long[]> f : calls) {
                    long[] r = f.get(60, TimeUnit.SECONDS);
                    assertThat(r[0]).as("a slow database is an unavailable one").isIn(200L, 503L);
                    if (r[0] == 503) {
                        assertThat(r[2]).isEqualTo(1);
                        timedOut++;
                    }
                    slowest = Math.max(slowest, r[1]);
                }
                clients.shutdown();
                System.out.printf("slow database: %d of 40 answered 503, slowest answer %d ms, slowest health %d ms%n", timedOut,
                        slowest / 1_000_000, health.slowestNanos.get() / 1_000_000);
                assertThat(timedOut).as("the statement timeout fires").isGreaterThan(30);
                assertThat(Duration.ofNanos(slowest)).as("bounded by the timeouts, not by the database").isLessThan(Duration.ofSeconds(15));
                assertThat(health.bad).isEmpty();
                assertThat(Duration.ofNanos(health.slowestNanos.get())).as("health stays fast").isLessThan(Duration.ofSeconds(1));
            }

            database.delay(Duration.ZERO);
            AuthHttpClient client = new AuthHttpClient(base);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (client.get("/api/auth/check-email?email=ada%40example.org").status() != 200) {
                assertThat(System.nanoTime()).as("recovers within 30 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(client.postJson("/api/auth/register", Map.of("firstName", "Ada", "lastName", "L", "email", "after-slow@example.org",
                    "password", PASSWORD)).status()).isEqualTo(201);
        }
    }

    static String code(Response r) {
        try {
            Object code = r.json().get("code");
            return code == null ? "" : code.toString();
        } catch (IllegalStateException notJson) {
            return "not json: " + r.body();
        }
    }
}
