package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;

/**
 * 200 sign-ins at the same moment against the standalone server (real Argon2 cost, SQLite) on
 * this machine's cores: every answer is 200, 401 or 503 with Retry-After (429 once rate limits
 * exist), some get through, memory stays bounded (the hashing queue refuses work instead of
 * holding 16 MiB per waiting hash), and /health answers fast throughout.
 */
class ConcurrentSignInsTest {
    static final int SIGN_INS = 200;

    @TempDir
    Path dir;

    @Test
    void twoHundredSimultaneousSignInsGetClearAnswersWithBoundedMemoryAndAResponsiveHealthCheck() throws Exception {
        try (AttackTarget target = AttackTarget.start(dir)) {
            target.confirmedAccount("ada@example.org");
            AuthHttpClient browser = target.browser();
            String csrf = browser.csrfToken();
            String cookie = "next-auth.csrf-token=" + browser.cookie("next-auth.csrf-token").orElseThrow();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong slowestHealth = new AtomicLong();
            ConcurrentLinkedQueue<Long> healthNanos = new ConcurrentLinkedQueue<>();
            AtomicLong peakRss = new AtomicLong(rssKiB());
            AtomicLong peakHeap = new AtomicLong();
            ConcurrentLinkedQueue<Integer> badHealth = new ConcurrentLinkedQueue<>();
            long rssBefore = rssKiB();
            Thread watcher = new Thread(() -> {
                AuthHttpClient health = target.browser();
                while (running.get()) {
                    long start = System.nanoTime();
                    int status = health.get("/health").status();
                    long tookHealth = System.nanoTime() - start;
                    slowestHealth.accumulateAndGet(tookHealth, Math::max);
                    healthNanos.add(tookHealth);
                    if (status != 200) badHealth.add(status);
                    peakRss.accumulateAndGet(rssKiB(), Math::max);
                    peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "health-and-memory-watch");
            watcher.start();

            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < SIGN_INS; i++) {
                String password = i % 2 == 0 ? AttackTarget.PASSWORD : "wrong password " + i;
                String form = "csrfToken=" + csrf + "&email=ada%40example.org&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                        + "&json=true";
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(target.base + "/api/auth/callback/credentials"))
                        .timeout(Duration.ofSeconds(50)).header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(55, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            running.set(false);
            watcher.join(5_000);

            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                byStatus.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 503) {
                    assertThat(r.headers().firstValue("Retry-After")).as("503 says when to retry").isPresent();
                    assertThat(r.body()).contains("\"code\":\"busy\"");
                }
            }
            List<Long> health = healthNanos.stream().sorted().toList();
            long p90 = health.get((int) (health.size() * 0.9));
            System.out.printf("%d simultaneous sign-ins on %d cores: %s in %d ms; /health %d polls, p90 %d ms, slowest %d ms; RSS %d -> peak %d MiB;"
                    + " peak heap %d MiB%n", SIGN_INS, Runtime.getRuntime().availableProcessors(), byStatus, took.toMillis(),
                    health.size(), p90 / 1_000_000, slowestHealth.get() / 1_000_000, rssBefore / 1024, peakRss.get() / 1024, peakHeap.get() / (1024 * 1024));

            assertThat(byStatus.keySet()).as("only clear answers").isSubsetOf(200, 401, 429, 503);
            assertThat(byStatus.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(SIGN_INS);
            assertThat(byStatus.getOrDefault(200, 0) + byStatus.getOrDefault(401, 0)).as("some are served").isGreaterThan(0);
            assertThat(badHealth).isEmpty();
            // Two cores both busy hashing (and, in CI, shared with other builds): /health waits for a CPU now
            // and then — single polls of 1-4 s were seen on a loaded machine — but nine in ten answer at once.
            assertThat(health.size()).isGreaterThan(20);
            assertThat(Duration.ofNanos(p90)).as("health stays responsive (p90)").isLessThan(Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(slowestHealth.get())).as("health stays responsive (slowest)").isLessThan(Duration.ofSeconds(10));
            // Argon2 needs 16 MiB per hash in progress; a queue of 200 would be 3 GiB. Bounded: far below that.
            assertThat((peakRss.get() - rssBefore) / 1024).as("RSS growth in MiB").isLessThan(400);
            assertThat(browser.signIn("ada@example.org", AttackTarget.PASSWORD).status()).as("fine afterwards").isEqualTo(200);
        }
    }

    /** Resident memory of this process (server and test share it), from /proc; 0 where there is none. */
    static long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }
}
