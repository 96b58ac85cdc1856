package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Issue 21 in Chromium with the DevTools virtual authenticator: passkeys in the sign-in page's
 * autofill (a conditional request pending from page load), WebAuthn's Signal API calls after
 * passkey changes and for a passkey this server no longer holds, and the conditional create after
 * a password sign-in. An init script records every navigator.credentials call and stands in for
 * the Signal API (recorded in sessionStorage, so page changes keep them).
 */
class PasskeyBrowserFeaturesTest {
    static final String PASSWORD = NextjsDatabaseScenario.PASSWORD;
    static final ObjectMapper JSON = new ObjectMapper();
    /** Records calls; the Signal API is replaced, the ceremonies pass through to the virtual authenticator. */
    static final String RECORDER = """
            (() => {
              const record = (call) => {
                const calls = JSON.parse(sessionStorage.getItem('calls') || '[]');
                calls.push(call);
                sessionStorage.setItem('calls', JSON.stringify(calls));
              };
              const get = navigator.credentials.get.bind(navigator.credentials);
              navigator.credentials.get = (o) => {
                record({fn: 'get', mediation: (o && o.mediation) || null});
                if (o && o.signal) o.signal.addEventListener('abort', () => record({fn: 'aborted', mediation: o.mediation || null}));
                return get(o).catch((e) => {
                  record({fn: 'get failed', mediation: (o && o.mediation) || null, name: e.name, aborted: !!(o.signal && o.signal.aborted)});
                  throw e;
                });
              };
              const create = navigator.credentials.create.bind(navigator.credentials);
              navigator.credentials.create = (o) => {
                const mediation = (o && o.mediation) || null;
                record({fn: 'create', mediation});
                // The virtual authenticator never completes a conditional create (that needs the browser's password
                // manager to have just filled a password): answer it with the same options through a modal create.
                const answer = mediation === 'conditional' && window.__conditionalCreate ? create({publicKey: o.publicKey}) : create(o);
                return answer.then((c) => { record({fn: 'created', mediation}); return c; },
                  (e) => { record({fn: 'create failed', mediation, name: e.name}); throw e; });
              };
              for (const name of ['signalUnknownCredential', 'signalAllAcceptedCredentials', 'signalCurrentUserDetails']) {
                PublicKeyCredential[name] = (details) => { record({fn: name, details}); return Promise.resolve(); };
              }
              if (window.__conditionalCreate) {
                PublicKeyCredential.getClientCapabilities = () => Promise.resolve({conditionalCreate: true});
              }
            })();
            """;

    @TempDir
    static Path dir;
    static AuthServer server;
    static String base;
    ChromeDriver driver;
    VirtualAuthenticator authenticator;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireOrSkip("PasskeyBrowserFeaturesTest");
        try (JdbcStores stores = JdbcStores.sqlite(dir.resolve("auth.db"))) {
            for (String name : List.of("ada", "bob", "cat")) {
                stores.users().create(new NewUser(new Username(name), new Email(name + "@example.org"), name, "Tester",
                        new PasswordHash(NextjsDatabaseScenario.FLASK_HASH), true,
                        new ApiKey(String.format("%032x", name.hashCode() & 0xffffffffL)), "127.0.0.1", Instant.now()));
            }
        }
        int port = MysqlNodes.freePort();
        base = "http://localhost:" + port;
        Map<String, String> env = new HashMap<>(ServerEnv.sqlite(dir, port));
        env.put("NEXTAUTH_URL", base);
        env.put("RP_ID", "localhost");
        env.put("RP_ORIGIN", base);
        env.put("AUTH_RATE_LIMITS", "off");
        server = AuthServer.create(AuthServerConfig.fromEnv(env)).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        driver = Chromium.open(dir);
        authenticator = ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) driver.quit();
    }

    private void record(boolean conditionalCreate) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                (conditionalCreate ? "window.__conditionalCreate = true;" : "") + RECORDER));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> calls() throws Exception {
        Object json = driver.executeScript("return sessionStorage.getItem('calls') || '[]'");
        return JSON.readValue(String.valueOf(json), List.class);
    }

    private void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (RuntimeException stillLoading) {
                // try again
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("waited 15 s for " + what + " at " + driver.getCurrentUrl() + ": "
                + driver.findElement(By.tagName("body")).getText());
    }

    private void signInWithPassword(String name) {
        driver.get(base + "/auth/sign-in");
        driver.findElement(By.id("email")).sendKeys(name + "@example.org");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        awaitAccount();
    }

    private void awaitAccount() {
        until("the account page", () -> driver.getCurrentUrl().endsWith("/account")
                && "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private void addPasskey(String deviceName) {
        driver.findElement(By.id("device-name")).sendKeys(deviceName);
        driver.findElement(By.id("add-passkey")).click();
        until("the passkey " + deviceName, () -> driver.findElement(By.id("passkeys")).getText().contains(deviceName));
    }

    private boolean called(String fn, Object mediation) {
        try {
            return calls().stream().anyMatch(c -> fn.equals(c.get("fn")) && java.util.Objects.equals(mediation, c.get("mediation")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> signals(String fn) throws Exception {
        return calls().stream().filter(c -> fn.equals(c.get("fn"))).map(c -> (Map<String, Object>) c.get("details")).toList();
    }

    private String credentialIdHeld() {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(authenticator.getCredentials().get(0).getId());
    }

    @Test
    void theSignInPageOffersPasskeysInAutofillAndSignsInWithThePickedOne() throws Exception {
        record(false);
        signInWithPassword("ada");
        addPasskey("Laptop");
        driver.manage().deleteAllCookies();
        driver.executeScript("sessionStorage.clear()");

        driver.get(base + "/auth/sign-in");

        // Pending from page load; Chromium's virtual authenticator then picks its passkey, as a person would in the autofill.
        until("a conditional request", () -> called("get", "conditional"));
        awaitAccount();
        assertThat(calls()).noneMatch(c -> "get".equals(c.get("fn")) && c.get("mediation") == null);
        assertThat(driver.findElement(By.id("profile-email")).getText()).isEqualTo("ada@example.org");
    }

    @Test
    void thePasskeyButtonAndThePasswordFormAbortTheAutofillRequest() throws Exception {
        record(false);
        driver.get(base + "/auth/sign-in");
        until("a conditional request", () -> called("get", "conditional"));

        driver.findElement(By.id("passkey")).click();
        until("the autofill request aborted for the button", () -> called("aborted", "conditional"));
        until("the button's own request", () -> called("get", null));

        driver.executeScript("sessionStorage.clear()");
        driver.get(base + "/auth/sign-in");
        until("a conditional request", () -> called("get", "conditional"));
        driver.findElement(By.id("email")).sendKeys("ada@example.org");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        awaitAccount();
        assertThat(called("aborted", "conditional")).as("the password form aborts the autofill request").isTrue();
    }

    @Test
    void signalsAfterPasskeyChangesANameChangeAndForAPasskeyThisServerNoLongerHolds() throws Exception {
        record(false);
        signInWithPassword("bob");
        addPasskey("Phone");
        String id = credentialIdHeld();
        until("a signal after adding", () -> {
            try {
                return !signals("signalAllAcceptedCredentials").isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Map<String, Object> accepted = signals("signalAllAcceptedCredentials").get(0);
        assertThat(accepted).containsEntry("rpId", "localhost").containsEntry("allAcceptedCredentialIds", List.of(id));
        String userId = String.valueOf(accepted.get("userId"));

        driver.findElement(By.id("first-name")).clear();
        driver.findElement(By.id("first-name")).sendKeys("Robert");
        driver.findElement(By.id("save-names")).click();
        until("a user details signal", () -> {
            try {
                return !signals("signalCurrentUserDetails").isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(signals("signalCurrentUserDetails").get(0)).containsEntry("rpId", "localhost").containsEntry("userId", userId)
                .containsEntry("name", "bob@example.org").containsEntry("displayName", "Robert Tester");

        driver.findElements(By.cssSelector("#passkeys button.danger")).get(0).click();
        driver.findElement(By.id("remove-confirm")).click();
        until("a signal after removing", () -> {
            try {
                return signals("signalAllAcceptedCredentials").size() >= 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(signals("signalAllAcceptedCredentials").get(1)).containsEntry("userId", userId)
                .containsEntry("allAcceptedCredentialIds", List.of());
        driver.manage().deleteAllCookies();

        // The virtual authenticator still holds the removed passkey and offers it in the autofill.
        driver.get(base + "/auth/sign-in");
        until("an unknown-credential signal", () -> {
            try {
                return !signals("signalUnknownCredential").isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(signals("signalUnknownCredential").get(0)).isEqualTo(Map.of("rpId", "localhost", "credentialId", id));
        assertThat(driver.findElement(By.id("message")).getText()).contains("removed from your account");
    }

    @Test
    void aPasswordSignInOffersToSaveAPasskeyOnItsOwn() throws Exception {
        record(true);
        signInWithPassword("cat");

        until("the saved passkey", () -> driver.findElement(By.id("passkeys")).getText().contains("Unnamed Device"));
        assertThat(called("create", "conditional")).isTrue();
        assertThat(called("created", "conditional")).isTrue();
        assertThat(driver.findElement(By.id("message")).getText()).contains("saved a passkey");
    }
}
