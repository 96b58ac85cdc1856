package org.openml.auth.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.password.Argon2Parameters;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.jdbc.JdbcStores;

/**
 * A small closed-loop HTTP/1.1 load generator for the auth server, loopback only: each
 * connection is one thread with one keep-alive socket that sends a request, reads the whole
 * answer, and sends the next. Runs for a fixed time; prints req/s, latency percentiles, status
 * counts and (with {@code --pid}) the server's CPU time per request and RSS.
 *
 * <pre>
 * java -cp auth-bench/target/benchmarks.jar org.openml.auth.bench.load.LoadTest seed /tmp/auth.db
 * java -cp auth-bench/target/benchmarks.jar org.openml.auth.bench.load.LoadTest run \
 *      --port 3001 --scenario session --connections 4 --seconds 20 --warmup 5 --pid 1234
 * </pre>
 *
 * Scenarios: {@code signin} (GET /api/auth/csrf then POST /api/auth/callback/credentials; one
 * "request" is the pair), {@code session} (GET /api/auth/session with a valid cookie),
 * {@code whoami} (GET /api/user/whoami with a Bearer API key), {@code register} (POST
 * /api/auth/register, a new address each time), {@code mixed} (connection i runs scenario
 * i mod 4 of session, whoami, signin, register; per-scenario figures are printed too), or a list
 * such as {@code signin:64,session:4} (side by side, each on its own connections; --connections
 * is then ignored).
 */
public final class LoadTest {
    static final String EMAIL = "bench@example.org";
    static final String PASSWORD = "correct horse battery staple";
    static final String API_KEY = "0123456789abcdef0123456789abcdef";
    static final Pattern SET_COOKIE = Pattern.compile("^([^=;]+)=([^;]*)");
    static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([0-9a-f]+)\"");

    private LoadTest() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("seed")) {
            seed(Path.of(args[1]));
            return;
        }
        if (args.length >= 1 && args[0].equals("run")) {
            run(options(args));
            return;
        }
        System.err.println("usage: LoadTest seed <sqlite-file> | LoadTest run --port P --scenario S --connections N"
                + " --seconds S [--warmup S] [--pid PID] [--host 127.0.0.1]");
        System.exit(2);
    }

    /** One confirmed account with a known password and API key, written before the server starts. */
    static void seed(Path file) {
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(Argon2Parameters.OPENML, List.of());
        try (JdbcStores stores = JdbcStores.sqlite(file)) {
            Object result = stores.users().create(new NewUser(new Username("bench"), new Email(EMAIL), "Bench", "User",
                    hasher.hash(new RawPassword(PASSWORD)), true, new ApiKey(API_KEY), "127.0.0.1", Instant.now()));
            System.out.println("seeded " + file + ": " + result);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("host", "127.0.0.1");
        o.put("warmup", "5");
        for (int i = 1; i + 1 < args.length; i += 2) o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        return o;
    }

    static final String[] MIXED = {"session", "whoami", "signin", "register"};
    static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime());

    static void run(Map<String, String> o) throws Exception {
        String host = o.get("host");
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("loopback only");
        }
        int port = Integer.parseInt(o.get("port"));
        String scenario = o.get("scenario");
        // "signin:64,session:4" runs several scenarios side by side, each on its own connections.
        List<String> plan = new ArrayList<>();
        if (scenario.contains(":")) {
            for (String part : scenario.split(",")) {
                String[] sc = part.split(":");
                for (int i = 0; i < Integer.parseInt(sc[1]); i++) plan.add(sc[0]);
            }
        }
        int connections = plan.isEmpty() ? Integer.parseInt(o.get("connections")) : plan.size();
        double seconds = Double.parseDouble(o.get("seconds"));
        double warmup = Double.parseDouble(o.get("warmup"));
        long pid = o.containsKey("pid") ? Long.parseLong(o.get("pid")) : -1;

        String sessionCookie = null;
        if (scenario.contains("session") || scenario.equals("mixed")) {
            try (Conn c = new Conn(host, port)) {
                sessionCookie = signIn(c, host, port).cookies.get("next-auth.session-token");
            }
            if (sessionCookie == null) throw new IllegalStateException("sign-in for the session cookie failed");
        }

        Worker[] workers = new Worker[connections];
        for (int i = 0; i < connections; i++) {
            String s = !plan.isEmpty() ? plan.get(i) : scenario.equals("mixed") ? MIXED[i % MIXED.length] : scenario;
            workers[i] = new Worker(s, host, port, sessionCookie);
        }
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        long end = warmEnd + (long) (seconds * 1e9);
        for (Worker w : workers) {
            w.warmEnd = warmEnd;
            w.end = end;
            w.start();
        }
        long[] cpuBefore = null;
        long rssPeak = 0;
        while (System.nanoTime() < warmEnd) Thread.sleep(20);
        if (pid > 0) cpuBefore = cpu(pid);
        long t0 = System.nanoTime();
        long sample = o.containsKey("sample") ? (long) (Double.parseDouble(o.get("sample")) * 1e9) : 0;
        long nextSample = t0 + sample;
        while (System.nanoTime() < end) {
            Thread.sleep(200);
            if (pid > 0) rssPeak = Math.max(rssPeak, rssKiB(pid));
            if (pid > 0 && sample > 0 && System.nanoTime() >= nextSample) {
                long done = 0;
                for (Worker w : workers) done += w.count;
                System.out.printf("  t=%4.0fs rss=%d MiB requests=%d%n", (System.nanoTime() - t0) / 1e9, rssKiB(pid) / 1024, done);
                nextSample += sample;
            }
        }
        long[] cpuAfter = pid > 0 ? cpu(pid) : null;
        long elapsed = System.nanoTime() - t0;
        for (Worker w : workers) w.join(30_000);

        Map<String, List<Worker>> byScenario = new TreeMap<>();
        for (Worker w : workers) byScenario.computeIfAbsent(w.scenario, k -> new ArrayList<>()).add(w);
        long total = 0;
        for (Worker w : workers) total += w.count;
        System.out.printf("scenario=%s connections=%d seconds=%.0f warmup=%.0f load(1m)=%s%n", scenario, connections, seconds,
                warmup, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        for (Map.Entry<String, List<Worker>> e : byScenario.entrySet()) {
            report(e.getKey(), e.getValue(), elapsed);
        }
        if (pid > 0) {
            long ticks = (cpuAfter[0] + cpuAfter[1]) - (cpuBefore[0] + cpuBefore[1]);
            double cpuMs = ticks * 10.0; // USER_HZ = 100
            System.out.printf("server pid %d: cpu %.0f ms (user %d, sys %d ticks) = %.1f µs/request, %.2f cores; rss now %d MiB, peak %d MiB%n",
                    pid, cpuMs, cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1],
                    total == 0 ? 0 : cpuMs * 1000 / total, cpuMs / (elapsed / 1e6), rssKiB(pid) / 1024, rssPeak / 1024);
        }
    }

    static void report(String scenario, List<Worker> workers, long elapsedNanos) {
        long[] hist = new long[Histogram.SIZE];
        long count = 0, errors = 0, reconnects = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        for (Worker w : workers) {
            for (int i = 0; i < hist.length; i++) hist[i] += w.hist.buckets[i];
            count += w.count;
            errors += w.errors;
            reconnects += w.reconnects;
            w.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        }
        System.out.printf("  %-8s conns=%-3d req=%-8d req/s=%-9.1f p50=%.2fms p99=%.2fms max=%.2fms statuses=%s errors=%d reconnects=%d%n",
                scenario, workers.size(), count, count / (elapsedNanos / 1e9), Histogram.percentile(hist, 0.50) / 1000.0,
                Histogram.percentile(hist, 0.99) / 1000.0, Histogram.percentile(hist, 1.0) / 1000.0, statuses, errors, reconnects);
    }

    /** utime, stime in clock ticks from /proc/pid/stat. */
    static long[] cpu(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    static Response signIn(Conn c, String host, int port) throws IOException {
        Response csrf = c.exchange(get(host, port, "/api/auth/csrf", null, null));
        Matcher m = CSRF.matcher(csrf.body);
        String cookie = csrf.cookies.get("next-auth.csrf-token");
        if (!m.find() || cookie == null) throw new IOException("no CSRF token: " + csrf.status + " " + csrf.body);
        String form = "csrfToken=" + m.group(1) + "&email=" + enc(EMAIL) + "&password=" + enc(PASSWORD) + "&json=true";
        return c.exchange(post(host, port, "/api/auth/callback/credentials", "application/x-www-form-urlencoded", form,
                "next-auth.csrf-token=" + cookie));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static byte[] get(String host, int port, String path, String cookie, String bearer) {
        StringBuilder sb = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nAccept: application/json\r\n");
        if (cookie != null) sb.append("Cookie: ").append(cookie).append("\r\n");
        if (bearer != null) sb.append("Authorization: Bearer ").append(bearer).append("\r\n");
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] post(String host, int port, String path, String type, String body, String cookie) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nAccept: application/json\r\nOrigin: http://").append(host).append(':').append(port)
                .append("\r\nContent-Type: ").append(type).append("\r\nContent-Length: ").append(b.length).append("\r\n");
        if (cookie != null) sb.append("Cookie: ").append(cookie).append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(b);
        return out.toByteArray();
    }

    static final class Worker extends Thread {
        final String scenario;
        final String host;
        final int port;
        final String sessionCookie;
        final Histogram hist = new Histogram();
        final Map<Integer, Long> statuses = new TreeMap<>();
        volatile long warmEnd;
        volatile long end;
        long count, errors, reconnects;

        Worker(String scenario, String host, int port, String sessionCookie) {
            super("load-" + scenario);
            this.scenario = scenario;
            this.host = host;
            this.port = port;
            this.sessionCookie = sessionCookie;
            setDaemon(true);
        }

        @Override
        public void run() {
            Conn c = null;
            byte[] sessionReq = get(host, port, "/api/auth/session", "next-auth.session-token=" + sessionCookie, null);
            byte[] whoamiReq = get(host, port, "/api/user/whoami", null, API_KEY);
            byte[] healthReq = get(host, port, "/health", null, null);
            long now;
            boolean connected = false;
            while ((now = System.nanoTime()) < end) {
                try {
                    if (c == null) {
                        if (connected && now >= warmEnd) reconnects++;
                        c = new Conn(host, port);
                        connected = true;
                    }
                    long start = System.nanoTime();
                    Response r = switch (scenario) {
                        case "session" -> c.exchange(sessionReq);
                        case "whoami" -> c.exchange(whoamiReq);
                        // The framework floor: a fixed small JSON through the same Javalin/Jetty and the same filters.
                        case "health" -> c.exchange(healthReq);
                        case "signin" -> signIn(c, host, port);
                        // A client that honours Retry-After on 503/429 (counted when it tries again, not while it waits).
                        case "signin-polite" -> signIn(c, host, port);
                        case "register" -> {
                            long n = UNIQUE.incrementAndGet();
                            String json = "{\"firstName\":\"Load\",\"lastName\":\"Test\",\"email\":\"load" + n
                                    + "@example.org\",\"password\":\"" + PASSWORD + "\"}";
                            yield c.exchange(post(host, port, "/api/auth/register", "application/json", json, null));
                        }
                        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                    };
                    long stop = System.nanoTime();
                    if (start >= warmEnd && stop <= end) {
                        count++;
                        hist.record((stop - start) / 1000);
                        statuses.merge(r.status, 1L, Long::sum);
                    }
                    if (r.close) {
                        c.close();
                        c = null;
                    }
                    if (scenario.equals("signin-polite") && (r.status == 503 || r.status == 429) && r.retryAfter > 0) {
                        Thread.sleep(Math.min(r.retryAfter * 1000, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (IOException | RuntimeException e) {
                    if (System.nanoTime() >= warmEnd) errors++;
                    if (c != null) c.close();
                    c = null;
                }
            }
            if (c != null) c.close();
        }
    }

    /** Microsecond buckets to 10 ms, then 100 µs buckets to 10 s. */
    static final class Histogram {
        static final int SIZE = 10_000 + 100_000;
        final long[] buckets = new long[SIZE];

        void record(long micros) {
            int i = micros < 10_000 ? (int) micros : (int) Math.min(SIZE - 1, 10_000 + (micros - 10_000) / 100);
            buckets[i]++;
        }

        static long value(int i) {
            return i < 10_000 ? i : 10_000 + (long) (i - 10_000) * 100;
        }

        static double percentile(long[] buckets, double q) {
            long total = 0;
            for (long b : buckets) total += b;
            if (total == 0) return 0;
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= rank && buckets[i] > 0) return value(i);
            }
            return value(buckets.length - 1);
        }
    }

    /** @param retryAfter the Retry-After header, whole seconds; 0 without one */
    record Response(int status, String body, Map<String, String> cookies, boolean close, long retryAfter) {}

    /** One keep-alive HTTP/1.1 connection. */
    static final class Conn implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Conn(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        Response exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            if (statusLine == null) throw new IOException("connection closed");
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false, close = false;
            long retryAfter = 0;
            Map<String, String> cookies = new LinkedHashMap<>();
            String h;
            while ((h = line()) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase();
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    case "retry-after" -> retryAfter = Long.parseLong(value);
                    case "set-cookie" -> {
                        Matcher m = SET_COOKIE.matcher(value);
                        if (m.find()) cookies.put(m.group(1), m.group(2));
                    }
                    default -> {}
                }
            }
            byte[] body;
            if (chunked) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                while (true) {
                    int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                    if (size == 0) {
                        while (!line().isEmpty()) {} // trailers
                        break;
                    }
                    b.writeBytes(in.readNBytes(size));
                    line();
                }
                body = b.toByteArray();
            } else if (length >= 0) {
                body = in.readNBytes((int) length);
            } else {
                body = in.readAllBytes();
                close = true;
            }
            return new Response(status, new String(body, StandardCharsets.UTF_8), cookies, close, retryAfter);
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int ch;
            while ((ch = in.read()) != -1) {
                if (ch == '\n') {
                    int n = sb.length();
                    if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
                    return sb.toString();
                }
                sb.append((char) ch);
            }
            return sb.length() == 0 ? null : sb.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
