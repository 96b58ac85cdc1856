package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Username;
import org.openml.auth.jdbc.JdbcStores;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 18: the real {@code next-auth/react} client (v4.24.15, bundled by interop/next-auth-react)
 * in Chromium, on a front-end origin that forwards {@code /api/*} and {@code /auth/*} to this
 * server as OpenML's Next.js rewrites do. Every client call OpenML's front end makes is made for
 * real: signIn('credentials') with and without redirect, signIn() with no provider,
 * useSession({required:true}), update() after a key regeneration, signOut().
 */
class NextAuthReactClientTest {
    static final String PASSWORD = NextjsDatabaseScenario.PASSWORD;
    static final String KEY = "00112233445566778899aabbccddeeff";

    @TempDir
    static Path dir;
    static AuthServer server;
    static FrontEndOrigin frontEnd;
    static String origin;
    ChromeDriver driver;

    /** interop/next-auth-react/dist, found by walking up from the module directory. */
    static Path bundle() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dist = p.resolve("interop/next-auth-react/dist");
            if (Files.isRegularFile(dist.resolve("app.js"))) return dist;
        }
        return null;
    }

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireOrSkip("NextAuthReactClientTest");
        Path dist = bundle();
        String missing = "interop/next-auth-react/dist/app.js is missing: the build bundles it with npm (npm ci, node build.mjs)";
        if (dist == null && "true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(missing);
        Assumptions.assumeTrue(dist != null, missing);

        Path db = dir.resolve("auth.db");
        try (JdbcStores stores = JdbcStores.sqlite(db)) {
            stores.users().create(new NewUser(new Username("ada"), new Email("ada@example.org"), "Ada", "Lovelace",
                    new PasswordHash(NextjsDatabaseScenario.FLASK_HASH), true, new ApiKey(KEY), "127.0.0.1", Instant.now()));
        }
        int serverPort = MysqlNodes.freePort();
        int frontEndPort = MysqlNodes.freePort();
        origin = "http://localhost:" + frontEndPort;
        Map<String, String> env = new HashMap<>(ServerEnv.sqlite(dir, serverPort));
        // The browser sees only the front end's origin: that is where sessions live.
        env.put("NEXTAUTH_URL", origin);
        env.put("AUTH_RATE_LIMITS", "off");
        server = AuthServer.create(AuthServerConfig.fromEnv(env)).start();
        frontEnd = FrontEndOrigin.start(frontEndPort, URI.create("http://127.0.0.1:" + serverPort), dist);
    }

    @AfterAll
    static void stop() {
        if (frontEnd != null) frontEnd.close();
        if (server != null) server.close();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        driver = Chromium.open(dir);
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) driver.quit();
    }

    private void open(String path) {
        driver.get(origin + path);
    }

    private String status() {
        return driver.findElement(By.id("status")).getAttribute("data-status");
    }

    /** Waits up to 10 s for {@code condition} (false while the page is not rendered yet). */
    private void until(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (RuntimeException notRenderedYet) {
                // the page is still loading
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("waited 10 s for " + what + "; at " + driver.getCurrentUrl() + ": "
                + driver.findElement(By.tagName("body")).getText());
    }

    private void awaitStatus(String wanted) {
        until("session status " + wanted, () -> wanted.equals(status()));
    }

    private void awaitUrl(String fragment) {
        until("a URL with " + fragment, () -> driver.getCurrentUrl().contains(fragment));
    }

    /** Runs {@code call} (an expression using window.na) in the page and returns what its promise resolves to. */
    @SuppressWarnings("unchecked")
    private <T> T await(String call) {
        return (T) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.resolve(" + call + ").then(r => done(r === undefined ? null : JSON.parse(JSON.stringify(r))),"
                + " e => done({thrown: String(e)}));");
    }

    private Map<String, Object> session() {
        return await("fetch('/api/auth/session').then(r => r.json())");
    }

    @Test
    void signInWithoutRedirectThenUpdateAfterAKeyRegenerationThenSignOut() {
        open("/");
        awaitStatus("unauthenticated");

        Map<String, Object> refused = await("na.signIn('credentials', {email: 'ada@example.org', password: 'wrong', redirect: false})");
        assertThat(refused).containsEntry("ok", false).containsEntry("error", "CredentialsSignin").containsEntry("status", 401L);

        Map<String, Object> result = await("na.signIn('credentials', {email: 'ada@example.org', password: '" + PASSWORD
                + "', redirect: false})");
        assertThat(result).containsEntry("ok", true).containsEntry("error", null).containsEntry("status", 200L);
        awaitStatus("authenticated");
        assertThat(driver.findElement(By.id("status")).getText()).contains("ada@example.org").contains(KEY);

        Map<String, Object> regenerated = await("na.getCsrfToken().then(t => fetch('/api/user/api-key/regenerate',"
                + " {method: 'POST', headers: {'X-CSRF-Token': t}}).then(r => r.json()))");
        String fresh = String.valueOf(regenerated.get("apiKey"));
        assertThat(fresh).matches("[0-9a-f]{32}").isNotEqualTo(KEY);
        Map<String, Object> updated = await("na.update()");
        assertThat(updated).containsEntry("apikey", fresh);
        until("the new key on the page", () -> driver.findElement(By.id("status")).getText().contains(fresh));

        Map<String, Object> signedOut = await("na.signOut({redirect: false})");
        assertThat(String.valueOf(signedOut.get("url"))).startsWith(origin);
        awaitStatus("unauthenticated");
        assertThat(session()).isEmpty();
    }

    @Test
    void signInWithRedirectLandsOnTheCallbackUrlSignedIn() {
        open("/");
        awaitStatus("unauthenticated");

        driver.executeScript("na.signIn('credentials', {email: 'ada', password: arguments[0], callbackUrl: '/welcome'})", PASSWORD);

        awaitUrl("/welcome");
        assertThat(driver.getCurrentUrl()).isEqualTo(origin + "/welcome");
        awaitStatus("authenticated");
        assertThat(session()).containsKey("user");
    }

    @Test
    void signInWithNoProviderGoesToTheSignInPageKeepingWhereTheUserWas() {
        open("/somewhere");
        awaitStatus("unauthenticated");

        driver.executeScript("na.signIn()");

        awaitUrl("/auth/sign-in");
        assertThat(driver.getCurrentUrl()).startsWith(origin + "/auth/sign-in?callbackUrl=")
                .contains(java.net.URLEncoder.encode(origin + "/somewhere", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isNotBlank();
    }

    @Test
    void aPageThatRequiresASessionSendsTheSignedOutUserToSignIn() {
        open("/required");

        awaitUrl("/auth/sign-in");
        assertThat(driver.getCurrentUrl()).contains("error=SessionRequired")
                .contains(java.net.URLEncoder.encode(origin + "/required", java.nio.charset.StandardCharsets.UTF_8));
    }
}
