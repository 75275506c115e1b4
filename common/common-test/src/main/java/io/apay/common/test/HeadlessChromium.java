package io.apay.common.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium (packages {@code chromium}, {@code chromium-driver}; {@code bin/apay test} installs
 * them, and {@code fonts-noto-cjk} so zh-CN pages show real glyphs) for the browser tests of our pages. The browser's
 * console is recorded so a test can require that a page logged no error.
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of(System.getProperty("apay.test.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("apay.test.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** A browser whose preferred language is {@code lang} (e.g. "en-US"), with a window of this size. */
    public static ChromeDriver start(String lang, int width, int height, Duration timeout) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Chromium is missing (" + CHROMIUM + ", " + CHROMEDRIVER + "): browser tests need it. "
                    + "Install it with: apt-get install chromium chromium-driver fonts-noto-cjk (bin/apay test does this)");
        }
        // never let Selenium Manager look for (or download) a driver or a browser: both are given
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-extensions", "--no-first-run", "--lang=" + lang, "--window-size=" + width + "," + height);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", lang + "," + lang.split("-")[0]));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(timeout).scriptTimeout(timeout);
        return browser;
    }

    /** The browser console's errors since the last call (each call drains the log). */
    public static List<String> consoleErrors(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Sizes the page as a device of this width shows it (a phone: mobile true). */
    public static void emulate(ChromeDriver browser, int width, int height, boolean mobile) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", mobile ? 2 : 1, "mobile", mobile));
    }
}
