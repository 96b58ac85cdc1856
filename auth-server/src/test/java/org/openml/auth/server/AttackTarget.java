package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.MutableClock;
import org.openml.auth.testkit.RecordingMailer;

/**
 * The standalone server as an attacker meets it: the real wiring ({@link AuthServer} from an
 * environment), a SQLite file, real HTTP on a free port. The clock is a {@link MutableClock}, so
 * expiry can be reached without waiting, and the database can be read behind the server's back
 * to prove that a refused request changed nothing.
 */
final class AttackTarget implements AutoCloseable {
    static final String SECRET = "attacker-suite-secret-0123456789abcdef0123";
    static final String PASSWORD = "correct horse battery staple";
    /** Tables that only record what happened (attempt counters, audit trails): a refused request may add to them. */
    private static final Pattern BOOKKEEPING = Pattern.compile(".*(audit|attempt|limit|activity).*", Pattern.CASE_INSENSITIVE);

    final MutableClock clock = MutableClock.startingNow();
    final RecordingMailer mailer;
    final AuthServer server;
    final String base;
    final Path database;
    private final HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private AttackTarget(Path dir, Map<String, String> extra) throws Exception {
        int port = freePort();
        this.base = "http://localhost:" + port;
        this.database = dir.resolve("auth.db");
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEXTAUTH_URL", base);
        env.put("NEXTAUTH_SECRET", SECRET);
        env.put("SQLITE_PATH", database.toString());
        env.put("RP_ID", "localhost");
        env.put("RP_ORIGIN", base);
        // GitHub configured (never contacted): its sign-in start is a state-changing route too.
        env.put("GITHUB_ID", "attack-suite-client");
        env.put("GITHUB_SECRET", "attack-suite-client-secret");
        // Each attack here tests one control; hundreds of requests from 127.0.0.1 would otherwise
        // meet the rate limits first. BruteForceTest turns them on and attacks them.
        env.put("AUTH_RATE_LIMITS", "off");
        env.putAll(extra);
        // With SMTP configured the server mails for real (GreenMail in the tests); else a recording mailer.
        this.mailer = env.containsKey("SMTP_HOST") ? null : new RecordingMailer();
        this.server = AuthServer.create(AuthServerConfig.fromEnv(env), clock, mailer).start();
    }

    /** A server with a {@link RecordingMailer}. */
    static AttackTarget start(Path dir) throws Exception {
        return new AttackTarget(dir, Map.of());
    }

    /** A server with more environment; with {@code SMTP_HOST} in it, the server's own SMTP mailer. */
    static AttackTarget start(Path dir, Map<String, String> extraEnv) throws Exception {
        return new AttackTarget(dir, extraEnv);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    AuthHttpClient browser() {
        return new AuthHttpClient(URI.create(base));
    }

    /** Every route the server serves, as {@code "POST /api/auth/signout"}. */
    List<String> routes() {
        return server.routes();
    }

    /** Registers through HTTP and follows the mailed confirmation link: an account that can sign in. */
    void confirmedAccount(String email) {
        register(email, PASSWORD);
        String token = RecordingMailer.tokenOf(mailer.lastTo(email, Mail.Confirmation.class).orElseThrow().link());
        assertThat(browser().get("/api/auth/confirm-email?token=" + token).status()).isEqualTo(200);
    }

    Response register(String email, String password) {
        Response r = browser().postJson("/api/auth/register",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email, "password", password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    /** A browser signed in as {@code email}, holding the session and CSRF cookies. */
    AuthHttpClient signedIn(String email) {
        AuthHttpClient browser = browser();
        Response r = browser.signIn(email, PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return browser;
    }

    /**
     * Sends exactly what is given (method, body, headers): no cookie jar, nothing added. For
     * requests {@link AuthHttpClient} cannot make, such as a DELETE with a body or bytes that are not UTF-8.
     */
    /** The path of {@code route} ("POST /a/{provider}") with a sample value for each path parameter. */
    static String samplePath(String route) {
        return route.substring(route.indexOf(' ') + 1).replace("{provider}", "github").replace("{file}", "app.js")
                .replace("{id}", "00000000-0000-0000-0000-000000000000").replace("{action}", "lock");
    }

    Response send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try {
            HttpResponse<String> r = raw.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response send(String method, String path, String contentType, String body, String... headers) {
        return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Every row of every table the server keeps (bookkeeping tables aside), read through a
     * connection of our own: equal snapshots before and after a request prove it wrote nothing.
     */
    Map<String, List<String>> snapshot() throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) names.add(rs.getString(1));
            }
            for (String name : names) {
                if (BOOKKEEPING.matcher(name).matches()) continue;
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + name + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) row.append(rs.getString(i)).append('|');
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(name, rows);
            }
        }
        return tables;
    }

    /** Counts rows of a query on the server's database (read-only use). */
    long count(String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
                var st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * One target per test class with one confirmed account, for suites whose tests only attack it:
     * {@code @RegisterExtension static final AttackTarget.PerClass target = new AttackTarget.PerClass(USER);}
     */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private final String account;
        private Path dir;
        private AttackTarget target;

        PerClass(String account) {
            this.account = account;
        }

        AttackTarget get() {
            return target;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            dir = Files.createTempDirectory("attack-target");
            target = AttackTarget.start(dir);
            target.confirmedAccount(account);
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            if (target != null) target.close();
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }
    }
}
