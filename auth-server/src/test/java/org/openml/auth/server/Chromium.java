package org.openml.auth.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium and chromedriver for the browser tests; never a downloaded browser or driver. */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** Skips the test class without Chromium, except under CI=true, where it fails: CI must run them. */
    static void requireOrSkip(String testName) {
        boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        String missing = "Chromium or chromedriver is missing (" + BINARY + ", " + DRIVER
                + "): install them with `apt-get install -y chromium chromium-driver`; the browser tests cannot run";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(missing);
        if (!present) System.err.println("\n*** SKIPPING " + testName + ": " + missing + " ***\n");
        Assumptions.assumeTrue(present, missing);
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        System.setProperty("SE_AVOID_STATS", "true");
    }

    /** A new headless browser with its own profile under {@code dir}. */
    static ChromeDriver open(Path dir) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), "--window-size=1280,800");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build(), options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }
}
