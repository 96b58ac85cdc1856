package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * The web pages in real headless Chromium (Debian's chromium + chromium-driver) against the real
 * server: SQLite file, GreenMail SMTP, Chrome's virtual authenticator for passkeys. Screenshots of
 * every page at desktop and phone width land in target/screenshots/.
 */
class WebPagesBrowserTest {
    static final String PASSWORD = "correct horse battery staple";
    static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    static Path dir;
    static AuthServer server;
    static String base;
    ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireOrSkip("WebPagesBrowserTest");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://localhost:" + port;
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEXTAUTH_URL", base);
        env.put("NEXTAUTH_SECRET", "browser-test-secret-0123456789abcdef0123");
        env.put("SQLITE_PATH", dir.resolve("auth.db").toString());
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(ServerSetupTest.SMTP.getPort()));
        env.put("SMTP_FROM", "OpenML <no-reply@openml.org>");
        // The outbox retries quickly here, so a mail queued while GreenMail is stopped arrives soon after it is back.
        env.put("AUTH_MAIL_POLL", "PT0.2S");
        env.put("AUTH_MAIL_RETRY_FIRST", "PT0.3S");
        env.put("AUTH_MAIL_RETRY_MAX", "PT1S");
        server = AuthServer.create(AuthServerConfig.fromEnv(env)).start();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        driver = Chromium.open(dir);
        // These tests drive the passkey button and the password form. Chromium's virtual authenticator would answer the
        // sign-in page's autofill request at once (a person picks from the autofill; PasskeyBrowserFeaturesTest covers
        // that), so here the browser says it has no autofill for passkeys, as many still do.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "if (window.PublicKeyCredential) PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);"
                        + " if (window.PublicKeyCredential) PublicKeyCredential.getClientCapabilities = () => Promise.resolve({});"));
        desktop();
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) driver.quit();
    }

    @Test
    void signUpConfirmSignInManageTheKeyAndPasskeysSignOutAndSignInWithThePasskey() throws Exception {
        VirtualAuthenticator authenticator = virtualAuthenticator();
        open("/auth/sign-up");
        shoot("sign-up");
        type("firstName", "Ada");
        type("lastName", "Lovelace");
        type("email", "not-an-email");
        type("password", "short");
        click("create");
        assertThat(text("email-error")).isEqualTo("Please enter a valid email address.");
        assertThat(text("password-error")).isEqualTo("Password must be at least 8 characters.");
        assertThat(driver.findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
        shoot("sign-up-invalid");

        clearAndType("email", "ada@example.org");
        clearAndType("password", PASSWORD);
        click("create");
        until(() -> driver.findElement(By.id("check-email")).isDisplayed());
        assertThat(text("sent-to")).isEqualTo("ada@example.org");
        shoot("sign-up-check-email");
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        int mails = smtp.getReceivedMessages().length;

        open("/auth/sign-in");
        type("email", "ada@example.org");
        type("password", PASSWORD);
        click("sign-in");
        until(() -> text("message").contains("not confirmed yet"));
        assertThat(driver.findElement(By.id("resend")).isDisplayed()).isTrue();
        click("resend");
        until(() -> text("message").contains("a new confirmation link has been sent"));
        shoot("sign-in-unconfirmed");
        assertThat(smtp.waitForIncomingEmail(10_000, mails + 1)).isTrue();
        String confirm = linkFromLastMail("Welcome to OpenML!"); // the resent link replaces the first

        driver.get(confirm);
        until(() -> text("message").startsWith("Email confirmed successfully"));
        shoot("confirm-email");
        click("go-sign-in");
        until(() -> driver.getCurrentUrl().contains("/auth/sign-in"));
        assertThat(driver.findElement(By.id("email")).getAttribute("value")).isEqualTo("ada@example.org");
        shoot("sign-in");
        type("password", PASSWORD);
        click("sign-in");
        waitForAccount();
        assertThat(text("profile-email")).isEqualTo("ada@example.org");
        assertThat(text("profile-name")).isEqualTo("Ada Lovelace");

        // API key: masked, revealed, copied, regeneration cancelled then confirmed.
        String masked = text("api-key");
        assertThat(masked).startsWith("••••").hasSize(32);
        click("reveal");
        String key = text("api-key");
        assertThat(key).matches("[0-9a-f]{32}").endsWith(masked.substring(28));
        assertThat(driver.findElement(By.id("reveal")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(text("key-updated")).isEqualTo("Never regenerated.");
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        click("copy");
        until(() -> text("message").equals("API key copied to the clipboard."));
        assertThat(driver.executeAsyncScript("navigator.clipboard.readText().then(arguments[0], e => arguments[0]('failed: ' + e))"))
                .isEqualTo(key);
        click("regenerate");
        assertThat(driver.findElement(By.id("regenerate-dialog")).isDisplayed()).isTrue();
        assertThat(text("regenerate-text")).contains("stops working at once");
        shoot("account-regenerate-dialog");
        click("regenerate-cancel");
        until(() -> text("message").equals("Your API key was not changed."));
        assertThat(text("api-key")).isEqualTo(key);
        click("regenerate");
        click("regenerate-confirm");
        until(() -> text("message").startsWith("New API key created"));
        until(() -> !text("api-key").equals(key) && text("api-key").matches("[0-9a-f]{32}"));
        assertThat(text("key-updated")).startsWith("Last regenerated");
        AuthHttpClient api = new AuthHttpClient(URI.create(base));
        assertThat(api.get("/api/user/whoami?api_key=" + key).status()).as("the old key stops working").isEqualTo(401);
        assertThat(api.get("/api/user/whoami?api_key=" + text("api-key")).status()).isEqualTo(200);

        // Recent activity, newest first: the regeneration, this sign-in, the confirmation, the refused
        // attempt before it, the sign-up; each with a readable label, result and address.
        until(() -> rowTypes().size() == 5 && rowTypes().get(0).equals("api_key_regenerated/success"));
        assertThat(rowTypes()).containsExactly("api_key_regenerated/success", "sign_in/success", "email_confirmed/success",
                "sign_in/failure", "account_created/success");
        List<WebElement> rows = driver.findElements(By.cssSelector("#activity-rows tr"));
        assertThat(rows.get(0).getText()).contains("API key regenerated").contains("Signed in").contains("Succeeded");
        assertThat(rows.get(1).getText()).contains("Sign-in").contains("Password").contains("Succeeded");
        assertThat(rows.get(3).getText()).contains("Sign-in").contains("Failed");
        assertThat(rows.get(1).findElement(By.cssSelector("td.ip")).getText()).matches("[0-9a-f:.]+");
        assertThat(rows.get(1).findElement(By.tagName("time")).getAttribute("datetime")).matches("\\d{4}-.*Z");
        assertThat(driver.findElements(By.cssSelector("#activity-table th[scope=col]"))).hasSize(5);
        driver.executeScript("document.getElementById('activity-title').scrollIntoView()");
        shoot("account-activity");
        assertThat(smtp.waitForIncomingEmail(10_000, mails + 2)).isTrue();
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).as("the owner is mailed about the new key").contains("Your OpenML API key was regenerated");

        // Passkeys: add one (Chrome's virtual authenticator), rename it.
        assertThat(driver.findElement(By.id("no-passkeys")).isDisplayed()).isTrue();
        type("device-name", "Test laptop");
        click("add-passkey");
        until(() -> text("message").startsWith("Passkey added"));
        until(() -> driver.findElements(By.cssSelector("#passkeys li")).size() == 1);
        assertThat(text("passkeys")).contains("Test laptop").contains("Last used never");
        assertThat(authenticator.getCredentials()).hasSize(1);
        driver.findElement(By.cssSelector("#passkeys li button.secondary")).click();
        clearAndType("rename-input", "Work laptop");
        click("rename-confirm");
        until(() -> text("passkeys").contains("Work laptop"));
        click("reveal"); // masked again: the screenshot shows no key
        assertThat(text("api-key")).startsWith("••••");
        driver.executeScript("window.scrollTo(0, 0)");
        shoot("account");

        click("sign-out");
        until(() -> driver.getCurrentUrl().contains("/auth/sign-in"));
        until(() -> text("message").equals("You are signed out."));
        assertThat(api.get("/api/auth/session").json()).isEmpty();
        open("/account");
        until(() -> driver.getCurrentUrl().contains("/auth/sign-in") && text("message").contains("Please sign in"));

        click("passkey");
        waitForAccount();
        assertThat(text("profile-email")).isEqualTo("ada@example.org");
        until(() -> !text("passkeys").contains("Last used never"));

        // Sign out everywhere: the session this browser had stops working anywhere it is presented.
        String session = driver.manage().getCookieNamed("next-auth.session-token").getValue();
        AuthHttpClient elsewhere = new AuthHttpClient(URI.create(base));
        elsewhere.setCookie("next-auth.session-token", session);
        assertThat(elsewhere.get("/api/auth/session").json()).containsKey("user");
        click("sign-out-everywhere");
        until(() -> driver.getCurrentUrl().contains("/auth/sign-in"));
        until(() -> text("message").equals("You are signed out on every browser and device."));
        AuthHttpClient stale = new AuthHttpClient(URI.create(base));
        stale.setCookie("next-auth.session-token", session);
        assertThat(stale.get("/api/auth/session").body()).isEqualTo("{}");
    }

    @Test
    void signUpWithAPasskeyAndTheLastPasskeyCannotBeRemoved() throws Exception {
        virtualAuthenticator();
        open("/auth/sign-up");
        type("firstName", "Grace");
        type("lastName", "Hopper");
        type("email", "grace@example.org");
        click("passkey-sign-up");
        waitForAccount();
        assertThat(text("profile-email")).isEqualTo("grace@example.org");
        until(() -> text("passkeys").contains("Primary Device"));

        driver.findElement(By.cssSelector("#passkeys li button.danger")).click();
        assertThat(text("remove-text")).contains("Primary Device");
        click("remove-cancel");
        assertThat(driver.findElement(By.id("remove-dialog")).isDisplayed()).isFalse();
        driver.findElement(By.cssSelector("#passkeys li button.danger")).click();
        click("remove-confirm");
        until(() -> text("message").contains("only way to sign in"));
        assertThat(driver.findElements(By.cssSelector("#passkeys li"))).hasSize(1);
    }

    /** Issue 16, finding 2: the passkey path follows the server-checked URL, as the password path does. */
    @Test
    void aPasskeySignInNeverFollowsAForeignCallbackUrl() throws Exception {
        virtualAuthenticator();
        open("/auth/sign-up");
        type("firstName", "Hedy");
        type("lastName", "Lamarr");
        type("email", "hedy@example.org");
        click("passkey-sign-up");
        waitForAccount();
        driver.manage().deleteAllCookies();

        open("/auth/sign-in?callbackUrl=" + java.net.URLEncoder.encode("https://evil.example/steal", java.nio.charset.StandardCharsets.UTF_8));
        click("passkey");
        until(() -> !driver.getCurrentUrl().contains("/auth/sign-in"));
        assertThat(driver.getCurrentUrl()).as("landed on the public origin").startsWith(base).doesNotContain("evil.example");

        driver.manage().deleteAllCookies();
        open("/auth/sign-in?callbackUrl=" + java.net.URLEncoder.encode(base + "/account", java.nio.charset.StandardCharsets.UTF_8));
        click("passkey");
        waitForAccount(); // a callbackUrl on the public origin is still followed
    }

    @Test
    void forgotAndResetThePassword() throws Exception {
        AuthHttpClient api = new AuthHttpClient(URI.create(base));
        assertThat(api.postJson("/api/auth/register", Map.of("firstName", "Alan", "lastName", "Turing",
                "email", "alan@example.org", "password", PASSWORD)).status()).isEqualTo(201);
        int mails = smtp.getReceivedMessages().length;
        String confirm = linkFromLastMail("Welcome to OpenML!");
        assertThat(api.get(confirm.substring(base.length()).replace("/auth/confirm-email", "/api/auth/confirm-email")).status())
                .isEqualTo(200);

        open("/auth/forgot-password");
        shoot("forgot-password");
        type("email", "alan@example.org");
        click("send");
        until(() -> text("message").startsWith("If an account exists with this email"));
        assertThat(smtp.waitForIncomingEmail(10_000, mails + 1)).isTrue();
        driver.get(linkFromLastMail("Reset Your OpenML Password"));
        shoot("reset-password");
        type("password", "a new passphrase");
        type("confirm", "another passphrase");
        click("save");
        assertThat(text("confirm-error")).isEqualTo("The two passwords differ.");
        clearAndType("confirm", "a new passphrase");
        click("save");
        until(() -> text("message").startsWith("Password reset successfully"));

        open("/auth/sign-in");
        type("email", "alan");
        type("password", PASSWORD);
        click("sign-in");
        until(() -> text("message").startsWith("Wrong email, username or password"));
        clearAndType("password", "a new passphrase");
        click("sign-in");
        waitForAccount();
    }

    @Test
    void aSignUpWhileMailIsDownSaysTheLinkIsOnItsWayAndItArrivesOnceMailIsBack() throws Exception {
        smtp.stop();
        try {
            open("/auth/sign-up");
            type("firstName", "Mail");
            type("lastName", "Down");
            type("email", "maildown@example.org");
            type("password", PASSWORD);
            click("create");
            until(() -> driver.findElement(By.id("check-email")).isDisplayed());
            assertThat(text("check-email-title")).isEqualTo("Check your email");
            assertThat(text("sent-note")).startsWith("A confirmation link is on its way to maildown@example.org")
                    .doesNotContain("We sent");
            Thread.sleep(1_000); // a few failed attempts meanwhile
        } finally {
            smtp.start();
        }
        // Nobody clicks "resend": the queued mail goes out once SMTP answers again.
        until(() -> smtp.getReceivedMessages().length == 1);
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("maildown@example.org");
    }

    @Test
    void pausedSignInsAndTooManyMailsAreExplainedOnThePages() throws Exception {
        AuthHttpClient api = new AuthHttpClient(URI.create(base));
        for (int i = 0; i < 5; i++) assertThat(api.signIn("paused@example.org", "guess " + i).status()).isEqualTo(401);
        open("/auth/sign-in");
        type("email", "paused@example.org");
        type("password", "one more guess");
        click("sign-in");
        until(() -> text("message").startsWith("Too many failed sign-in attempts"));
        assertThat(text("message")).contains("reset your password").containsPattern("try again in \\d+ seconds");

        for (int i = 0; i < 3; i++) {
            assertThat(api.postJson("/api/auth/forgot-password", Map.of("email", "bombed@example.org")).status()).isEqualTo(200);
        }
        open("/auth/forgot-password");
        type("email", "bombed@example.org");
        click("send");
        until(() -> text("message").startsWith("Too many attempts"));
        assertThat(text("message")).contains("try again in 60 minutes");

        open("/auth/error?error=SignInLocked");
        until(() -> text("message").contains("passkey"));
    }

    @Test
    void errorsAreShownInWords() throws Exception {
        for (String code : List.of("CredentialsSignin", "OAuthSignin", "OAuthCallback", "AccessDenied",
                "OAuthAccountNotLinked", "Verification", "Default", "SomethingNew")) {
            open("/auth/error?error=" + code);
            until(() -> !text("message").isEmpty());
            assertThat(driver.findElement(By.id("message")).getAttribute("aria-live")).isEqualTo("assertive");
        }
        open("/auth/error?error=OAuthAccountNotLinked");
        until(() -> text("message").contains("already exists"));
        shoot("error");
        open("/auth/confirm-email?token=0000000000000000000000000000000000000000000000000000000000000000");
        until(() -> text("message").equals("Invalid confirmation token"));
        assertThat(driver.findElement(By.id("resend-form")).isDisplayed()).isTrue();
        open("/auth/reset-password?token=nope");
        type("password", "long enough password");
        type("confirm", "long enough password");
        click("save");
        until(() -> text("message").equals("Invalid or expired reset token"));
        open("/auth/sign-in");
        click("sign-in");
        assertThat(text("email-error")).isEqualTo("Enter your email address or username.");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("email");
    }

    @Test
    void everyPageLabelsItsInputsHasALiveRegionAndASecurityPolicy() throws Exception {
        for (String page : List.of("/auth/sign-in", "/auth/sign-up", "/auth/confirm-email", "/auth/forgot-password",
                "/auth/reset-password", "/auth/error", "/account")) {
            open(page);
            if (page.equals("/account")) until(() -> driver.getCurrentUrl().contains("/auth/sign-in"));
            for (WebElement input : driver.findElements(By.cssSelector("input:not([type=hidden])"))) {
                String id = input.getAttribute("id");
                assertThat(id).as("an input on " + page).isNotBlank();
                assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("label of #" + id + " on " + page).hasSize(1);
            }
            assertThat(driver.findElement(By.id("message")).getAttribute("aria-live")).as(page).isIn("polite", "assertive");
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            Response raw = new AuthHttpClient(URI.create(base)).get(page);
            assertThat(raw.status()).isEqualTo(200);
            assertThat(raw.header("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(raw.header("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(raw.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(raw.header("Referrer-Policy")).contains("no-referrer");
            assertThat(raw.body()).doesNotContain("<script>").doesNotContain("style=").doesNotContain("//cdn").doesNotContain("{{base}}");
        }
        AuthHttpClient api = new AuthHttpClient(URI.create(base));
        assertThat(api.get("/auth/assets/app.js").header("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(api.get("/auth/assets/style.css").header("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(api.get("/auth/assets/nope.js").status()).isEqualTo(404);
        assertThat(api.get("/auth/assets/..%2Fweb%2Fapp.js").status()).isEqualTo(404);
        // The sign-in form is usable from the keyboard alone: Tab from the email field reaches the password, then the button.
        open("/auth/sign-in");
        driver.findElement(By.id("email")).click();
        driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("password");
        driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("sign-in");
    }

    @Test
    void theAccountPageChangesTheNameAndThePasswordAndDeletesTheAccount() throws Exception {
        AuthHttpClient api = new AuthHttpClient(URI.create(base));
        api.postJson("/api/auth/register", java.util.Map.of("firstName", "Self", "lastName", "Service",
                "email", "self@example.org", "password", PASSWORD));
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        String confirm = linkFromLastMail("Welcome to OpenML!");
        assertThat(api.get("/api/auth/confirm-email?token=" + confirm.substring(confirm.indexOf("token=") + 6)).status()).isEqualTo(200);
        // Another device, signed in before the password changes.
        AuthHttpClient elsewhere = new AuthHttpClient(URI.create(base));
        assertThat(elsewhere.signIn("self@example.org", PASSWORD).status()).isEqualTo(200);
        Thread.sleep(5); // sessions signed in within the very millisecond of a revocation survive it

        open("/auth/sign-in");
        type("email", "self@example.org");
        type("password", PASSWORD);
        click("sign-in");
        waitForAccount();

        // Names: saved, shown at once, and in the re-issued session.
        clearAndType("first-name", "Selma");
        click("save-names");
        until(() -> text("profile-name").equals("Selma Service"));
        assertThat(text("message")).contains("name was saved");

        // Password: a wrong current one is refused next to its field; the right one signs the other device out.
        type("current-password", "not my password");
        type("new-password", "a different passphrase");
        click("change-password");
        until(() -> text("current-password-error").contains("Current password is incorrect"));
        clearAndType("current-password", PASSWORD);
        click("change-password");
        until(() -> text("message").contains("password was changed"));
        assertThat(elsewhere.get("/api/auth/session").json()).as("the other device's session").isEmpty();
        assertThat(new AuthHttpClient(URI.create(base)).signIn("self@example.org", "a different passphrase").status())
                .isEqualTo(200);
        shoot("account-settings");

        // Deletion: the typed confirmation first, then the account is gone.
        click("delete-account");
        type("delete-confirm", "delete");
        click("delete-submit");
        until(() -> text("delete-confirm-error").contains("Type DELETE"));
        clearAndType("delete-confirm", "DELETE");
        click("delete-submit");
        until(() -> driver.getCurrentUrl().contains("/auth/sign-in?deleted=1"));
        until(() -> text("message").contains("Your account was deleted"));
        assertThat(new AuthHttpClient(URI.create(base)).signIn("self@example.org", "a different passphrase").status())
                .isEqualTo(401);
        assertThat(smtp.waitForIncomingEmail(10_000, 3)).isTrue();
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).contains("Your OpenML password was changed", "Your OpenML account was deleted");
    }

    @Test
    void theAccountPageSignsAnotherDeviceOutAndChangesTheAddressThroughTheMailedLinks() throws Exception {
        AuthHttpClient api = new AuthHttpClient(URI.create(base));
        api.postJson("/api/auth/register", java.util.Map.of("firstName", "Move", "lastName", "Along",
                "email", "move@example.org", "password", PASSWORD));
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        String confirm = linkFromLastMail("Welcome to OpenML!");
        assertThat(api.get("/api/auth/confirm-email?token=" + confirm.substring(confirm.indexOf("token=") + 6)).status()).isEqualTo(200);
        AuthHttpClient laptop = new AuthHttpClient(URI.create(base));
        assertThat(laptop.signIn("move@example.org", PASSWORD).status()).isEqualTo(200);
        assertThat(laptop.get("/api/auth/session", "User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0").json()).containsKey("user");

        open("/auth/sign-in");
        type("email", "move@example.org");
        type("password", PASSWORD);
        click("sign-in");
        waitForAccount();

        // Devices: this browser and the laptop; the laptop is signed out from here.
        until(() -> driver.findElements(By.cssSelector("#devices li")).size() == 2);
        assertThat(text("devices")).contains("Firefox on Linux").contains("(this browser)");
        driver.findElement(By.cssSelector("button[aria-label='Sign out Firefox on Linux']")).click();
        until(() -> text("message").contains("Firefox on Linux is signed out"));
        until(() -> driver.findElements(By.cssSelector("#devices li")).size() == 1);
        assertThat(laptop.get("/api/auth/session").json()).as("the laptop's session").isEmpty();

        // Email: nothing changes before the link mailed to the new address is used.
        type("new-email", "moved@example.org");
        click("change-email");
        until(() -> text("message").contains("Check your new address"));
        assertThat(text("profile-email")).isEqualTo("move@example.org");
        driver.get(linkFromMail("Confirm your new email address for OpenML"));
        until(() -> driver.findElement(By.id("go")).isDisplayed());
        click("go");
        until(() -> text("message").contains("Your email address was changed"));
        assertThat(new AuthHttpClient(URI.create(base)).signIn("moved@example.org", PASSWORD).status()).isEqualTo(200);

        // The old address's undo link puts it back and asks for a new password.
        driver.get(linkFromMail("The email address of your OpenML account was changed"));
        until(() -> driver.findElement(By.id("go")).isDisplayed());
        assertThat(driver.getTitle()).contains("Undo");
        click("go");
        until(() -> text("message").contains("old email address is back"));
        assertThat(driver.findElement(By.id("next")).getText()).isEqualTo("Choose a new password");
        assertThat(linkFromMail("Reset Your OpenML Password")).contains("/auth/reset-password?token=");
        assertThat(new AuthHttpClient(URI.create(base)).signIn("move@example.org", PASSWORD).status())
                .as("the password must be chosen anew").isEqualTo(401);
    }

    @Test
    void nextAuthsSignOutLinkLeadsToAConfirmationWhoseButtonSignsOut() throws Exception {
        AuthHttpClient api = new AuthHttpClient(URI.create(base));
        api.postJson("/api/auth/register", java.util.Map.of("firstName", "Sign", "lastName", "Out",
                "email", "signout@example.org", "password", PASSWORD));
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        String confirm = linkFromLastMail("Welcome to OpenML!");
        assertThat(api.get("/api/auth/confirm-email?token=" + confirm.substring(confirm.indexOf("token=") + 6)).status()).isEqualTo(200);
        open("/auth/sign-in");
        type("email", "signout@example.org");
        type("password", PASSWORD);
        click("sign-in");
        waitForAccount();

        open("/api/auth/signout");
        until(() -> driver.getCurrentUrl().contains("/auth/sign-out"));
        click("sign-out");
        until(() -> driver.getCurrentUrl().contains("/auth/sign-in") && text("message").contains("You are signed out"));
        open("/account");
        until(() -> driver.getCurrentUrl().contains("/auth/sign-in"));
    }

    @Test
    void axeFindsNoSeriousOrCriticalAccessibilityViolations() throws Exception {
        String axe;
        try (var in = WebPagesBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
        for (String page : List.of("/auth/sign-in", "/auth/sign-up", "/auth/confirm-email?token=x", "/auth/forgot-password",
                "/auth/reset-password?token=x", "/auth/error?error=AccessDenied", "/auth/confirm-email-change?token=x",
                "/auth/revert-email-change?token=x", "/auth/sign-out")) {
            open(page);
            until(() -> "complete".equals(driver.executeScript("return document.readyState")));
            found.put(page, axeViolations(axe));
        }
        // The account page, signed in: an account made through the API, signed in through the page.
        AuthHttpClient api = new AuthHttpClient(URI.create(base));
        api.postJson("/api/auth/register", java.util.Map.of("firstName", "Axe", "lastName", "Check", "email", "axe@example.org",
                "password", PASSWORD));
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        String confirm = linkFromLastMail("Welcome to OpenML!");
        assertThat(api.get("/api/auth/confirm-email?token=" + confirm.substring(confirm.indexOf("token=") + 6)).status()).isEqualTo(200);
        open("/auth/sign-in");
        type("email", "axe@example.org");
        type("password", PASSWORD);
        click("sign-in");
        waitForAccount();
        found.put("/account", axeViolations(axe));

        found.forEach((page, violations) -> assertThat(violations).as("serious or critical axe violations on " + page).isEqualTo("[]"));

        // The check can fail: an unlabelled input is reported.
        open("/auth/forgot-password");
        driver.executeScript("document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=\"unlabelled\">')");
        assertThat(axeViolations(axe)).contains("label");
    }

    /** axe-core's serious and critical violations on the current page, as JSON (ids and impact). */
    String axeViolations(String axe) {
        driver.executeScript(axe);
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document).then(r => done(JSON.stringify(r.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')))))
                    .catch(e => done('axe failed: ' + e));""");
        return String.valueOf(result);
    }

    // ---- helpers ----

    VirtualAuthenticator virtualAuthenticator() {
        return ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    void open(String path) {
        driver.get(base + path);
    }

    void waitForAccount() {
        until(() -> driver.getCurrentUrl().endsWith("/account") && "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    void type(String id, String value) {
        driver.findElement(By.id(id)).sendKeys(value);
    }

    void clearAndType(String id, String value) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    void until(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) return;
            } catch (RuntimeException e) {
                last = e; // the page is still loading
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        AssertionError failure = new AssertionError("timed out on " + driver.getCurrentUrl() + "; message: "
                + driver.findElements(By.id("message")).stream().map(WebElement::getText).findFirst().orElse("(none)"));
        if (last != null) failure.initCause(last);
        throw failure;
    }

    void desktop() {
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    /** A screenshot at desktop (1280x800) and phone (390x844) width. */
    void shoot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + "-desktop.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(390, 844));
        Files.write(SCREENSHOTS.resolve(name + "-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
        desktop();
    }

    /** The rows of the account page's activity table as type/outcome, top to bottom. */
    List<String> rowTypes() {
        return driver.findElements(By.cssSelector("#activity-rows tr")).stream()
                .map(r -> r.getAttribute("data-type") + "/" + r.getAttribute("data-outcome")).toList();
    }

    /**
     * The link of the newest mail with this subject, whoever it went to (GreenMail lists messages
     * by mailbox, so with several recipients the last one listed is not the newest).
     */
    String linkFromMail(String subject) throws Exception {
        long until = System.currentTimeMillis() + 10_000;
        while (true) {
            MimeMessage found = null;
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (subject.equals(m.getSubject())) found = m;
            }
            if (found != null) {
                Matcher m = LINK.matcher(GreenMailUtil.getBody(found).replace("=\r\n", "").replace("=3D", "="));
                assertThat(m.find()).as("a link in \"" + subject + "\"").isTrue();
                return m.group();
            }
            assertThat(System.currentTimeMillis()).as("a mail \"" + subject + "\" arrived").isLessThan(until);
            Thread.sleep(50);
        }
    }

    String linkFromLastMail(String subject) throws Exception {
        // Mails leave through the outbox's background sender: wait until the newest one is this one.
        long until = System.currentTimeMillis() + 10_000;
        MimeMessage[] messages = smtp.getReceivedMessages();
        while ((messages.length == 0 || !subject.equals(messages[messages.length - 1].getSubject()))
                && System.currentTimeMillis() < until) {
            Thread.sleep(50);
            messages = smtp.getReceivedMessages();
        }
        assertThat(messages).as("a mail \"" + subject + "\" arrived").isNotEmpty();
        MimeMessage last = messages[messages.length - 1];
        assertThat(last.getSubject()).isEqualTo(subject);
        Matcher m = LINK.matcher(GreenMailUtil.getBody(last).replace("=\r\n", "").replace("=3D", "="));
        assertThat(m.find()).as("the mail holds a link").isTrue();
        return m.group();
    }
}
