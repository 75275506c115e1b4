package io.apay.otc.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.HeadlessChromium;
import io.apay.common.test.MeshCredentials;
import io.apay.common.test.MutableClock;
import io.apay.common.web.storage.ObjectStorage;
import io.apay.otc.server.dal.dataobject.AdChannelDO;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.dal.mapper.AdChannelMapper;
import io.apay.otc.server.dal.mapper.OrderMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The buyer's cashier page in headless Chromium (Debian packages {@code chromium} and {@code chromium-driver}),
 * served by otc-svc on the real MariaDB, Redis and RabbitMQ. Orders are rows written straight into this class's
 * schema: the page reads nothing else, and otc-svc's ledger and push-svc calls play no part in it.
 *
 * <p>The server's clock runs six hours behind the browser's, so every countdown here is right only if the page
 * counts from the server's {@code serverTime}, as a buyer's wrong phone clock must not matter.
 */
@ApayIntegrationTest
class CashierPageIT {

    /** A shared 2-core machine: the page polls every 3 s, and Chromium may be slow to get a slice. */
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int PHONE_WIDTH = 320;
    static final Duration SERVER_CLOCK_BEHIND = Duration.ofHours(6);
    static final Path FILES = tempDir();
    static final AtomicLong SEQ = new AtomicLong();
    static final SecureRandom RANDOM = new SecureRandom();

    static ChromeDriver browser;

    /** The page's words, written out here rather than read from cashier.js, so the test checks the dictionary. */
    record Lang(String code, String title, String waiting, String timeLeft, String alipay, String bank, String paid,
                String back, String expired, String cancelled, String missing, String orderNo) {
        @Override
        public String toString() {
            return code;
        }
    }

    static final Lang EN = new Lang("en", "Pay exactly", "Waiting for your payment…", "Time left", "Alipay", "Bank transfer",
            "Payment received", "Back to the shop", "This payment has expired", "This payment was cancelled",
            "Payment not found", "Order: ");
    static final Lang ZH = new Lang("zh-CN", "请支付", "等待付款…", "剩余时间", "支付宝", "银行转账", "付款成功", "返回商户",
            "订单已过期", "订单已取消", "找不到该订单", "订单号：");

    static Stream<Lang> languages() {
        return Stream.of(EN, ZH);
    }

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("apay.storage.local.root", FILES::toString);
        // QR links are relative to the page's origin here: this server is both the page and the files
        registry.add("apay.storage.local.public-base-url", () -> "/files");
    }

    /** A clock that runs, like a real server's, but starts where the test says and can be moved forward. */
    static final class RunningClock extends MutableClock {
        private final long startNanos = System.nanoTime();

        RunningClock(Instant start) {
            super(start);
        }

        @Override
        public Instant instant() {
            return super.instant().plusNanos(System.nanoTime() - startNanos);
        }
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new RunningClock(Instant.now().minus(SERVER_CLOCK_BEHIND).truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @LocalServerPort int port;
    @Autowired MutableClock clock;
    @Autowired OrderMapper orders;
    @Autowired AdChannelMapper channels;
    @Autowired ObjectStorage storage;

    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    @BeforeAll
    static void startChromium() {
        browser = HeadlessChromium.start("en-US", 500, 900, WAIT);
        // the buyer's screen: a small phone, as Chrome's device mode shows it
        HeadlessChromium.emulate(browser, PHONE_WIDTH, 640, true);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void freshPage() {
        browser.get("about:blank");
        browser.manage().logs().get(LogType.BROWSER); // drop what earlier tests logged
    }

    // ---------------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void showsTheExactAmountPayeeQrAndCountdownThenSuccessWhenTheOrderCompletes(Lang lang) throws Exception {
        String qrKey = storeQr();
        Order o = order("ALIPAY", "100.03", "CREATED", Duration.ofMinutes(10), "https://shop.example/return?id=7", qrKey, null);

        browser.get(pageUrl(o.token(), lang.code()));
        waitVisible("pay");

        assertThat(browser.findElement(By.cssSelector("html")).getAttribute("lang")).isEqualTo(lang.code());
        assertThat(textOf("pay", "h1")).isEqualTo(lang.title());
        // the amount to the cent, its decimals highlighted: they tell this payment from others of the same size
        assertThat(browser.findElement(By.id("amount")).getText()).isEqualTo("100.03 CNY");
        assertThat(browser.findElement(By.id("amount-int")).getText()).isEqualTo("100.");
        WebElement decimals = browser.findElement(By.id("amount-dec"));
        assertThat(decimals.getTagName()).isEqualTo("strong");
        assertThat(decimals.getText()).isEqualTo("03");
        assertThat(decimals.getCssValue("background-color")).isNotIn("rgba(0, 0, 0, 0)", "transparent");
        assertThat(browser.findElement(By.id("amount")).getDomProperty("innerHTML"))
                .contains("<span id=\"amount-int\">100.</span><strong id=\"amount-dec\">03</strong>");

        assertThat(browser.findElement(By.id("channel")).getText()).isEqualTo(lang.alipay());
        assertThat(browser.findElement(By.id("payee-name")).getText()).isEqualTo("张三");
        assertThat(browser.findElement(By.id("payee-account")).getText()).isEqualTo("zhangsan@example.com");
        assertThat(browser.findElement(By.id("bank-name")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("status-text")).getText()).isEqualTo(lang.waiting());
        assertThat(textOf("pay", ".order-ref")).isEqualTo(lang.orderNo() + o.orderNo());
        assertThat(textOf("countdown-line", "span")).isEqualTo(lang.timeLeft());

        // the QR image, through its signed storage link, allowed by the page's CSP
        WebElement qr = browser.findElement(By.id("qr"));
        new WebDriverWait(browser, WAIT).until(d -> Boolean.TRUE.equals(browser.executeScript(
                "var i = arguments[0]; return i.complete && i.naturalWidth === 64;", qr)));
        assertThat(qr.isDisplayed()).isTrue();
        assertThat(qr.getDomProperty("src")).contains("/files/otc/" + qrKey + "?expires=");
        assertThat(qr.getAttribute("alt")).isEqualTo(lang.alipay());

        assertFitsAPhoneScreen();

        // ten minutes by the server's clock (the browser's is six hours ahead: by its own clock this order is long over)
        int first = countdownSeconds();
        assertThat(first).isBetween(9 * 60, 10 * 60);
        new WebDriverWait(browser, WAIT).until(d -> countdownSeconds() < first);
        // the server's clock moves three minutes: the next poll brings the countdown with it
        clock.advance(Duration.ofMinutes(3));
        new WebDriverWait(browser, WAIT).until(d -> countdownSeconds() <= 7 * 60);
        assertThat(countdownSeconds()).isBetween(6 * 60, 7 * 60);
        assertThat(browser.findElement(By.id("back")).isDisplayed()).isFalse();

        // paid, then settled: the page finds out by polling
        assertThat(setStatus(o.id(), "CREATED", "PAID", now())).isEqualTo(1);
        assertThat(setStatus(o.id(), "PAID", "COMPLETED", now())).isEqualTo(1);
        waitVisible("done");
        assertThat(textOf("done", "h1")).isEqualTo(lang.paid());
        assertThat(textOf("done", ".order-ref")).isEqualTo(lang.orderNo() + o.orderNo());
        WebElement back = browser.findElement(By.id("back"));
        assertThat(back.isDisplayed()).isTrue();
        assertThat(back.getText()).isEqualTo(lang.back());
        assertThat(back.getDomProperty("href")).isEqualTo("https://shop.example/return?id=7");
        assertThat(browser.findElement(By.id("pay")).isDisplayed()).isFalse();

        assertFitsAPhoneScreen();
        assertNoConsoleErrors();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void anExpiredOrCancelledOrderShowsTheClosedScreenWithoutPayeeDetails(Lang lang) {
        Order expired = order("ALIPAY", "58.01", "EXPIRED", Duration.ofMinutes(-1), "https://shop.example/return", storeQr(), null);
        browser.get(pageUrl(expired.token(), lang.code()));
        waitVisible("expired");
        assertThat(textOf("expired", "h1")).isEqualTo(lang.expired());
        assertThat(textOf("expired", ".order-ref")).isEqualTo(lang.orderNo() + expired.orderNo());
        assertThat(browser.findElement(By.id("pay")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("back")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("payee-name")).getDomProperty("textContent")).isEmpty();
        assertThat(browser.findElement(By.id("qr")).getAttribute("src")).isNull();

        Order cancelled = order("BANK", "200.10", "CANCELLED", Duration.ofMinutes(5), null, null, "招商银行");
        browser.get(pageUrl(cancelled.token(), lang.code()));
        waitVisible("expired");
        assertThat(textOf("expired", "h1")).isEqualTo(lang.cancelled());
        assertThat(browser.findElement(By.id("bank-name")).getDomProperty("textContent")).isEmpty();

        assertNoConsoleErrors();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void anUnknownTokenShowsOrderNotFound(Lang lang) {
        String unknown = newToken();
        browser.get(pageUrl(unknown, lang.code()));
        waitVisible("missing");
        assertThat(textOf("missing", "h1")).isEqualTo(lang.missing());
        assertThat(browser.findElement(By.id("pay")).isDisplayed()).isFalse();
        // the API's 404 is the one message the browser logs (it reports every failed request)
        assertThat(severeConsoleEntries()).singleElement().asString()
                .contains("/cashier/api/orders/" + unknown).contains("404");

        browser.get(pageUrl("not-a-token", lang.code())); // malformed: the page does not even ask
        waitVisible("missing");
        assertThat(textOf("missing", "h1")).isEqualTo(lang.missing());
        browser.get(baseUrl() + "/cashier/?lang=" + lang.code()); // no token at all
        waitVisible("missing");
        assertNoConsoleErrors();
    }

    @Test
    void whenTimeRunsOutBeforeTheExpiryJobThePageSaysDoNotPayButStillSeesALatePaymentMatched() {
        Order o = order("WECHAT", "88.02", "CREATED", Duration.ofSeconds(6), null, null, null);
        browser.get(pageUrl(o.token(), "en"));
        // the order is still CREATED (job-svc has not expired it yet), but its time is up
        waitVisible("expired");
        assertThat(orders.selectById(o.id()).getStatus()).isEqualTo("CREATED");
        assertThat(textOf("expired", "h1")).isEqualTo(EN.expired());
        assertThat(browser.findElement(By.id("countdown")).getDomProperty("textContent")).isEqualTo("00:00");
        // a payment made in the last second is matched a moment later: the page is still polling
        assertThat(setStatus(o.id(), "CREATED", "PAID", now())).isEqualTo(1);
        waitVisible("done");
        assertThat(textOf("done", "h1")).isEqualTo(EN.paid());
        assertThat(browser.findElement(By.id("back")).isDisplayed()).isFalse(); // no return URL given
        assertNoConsoleErrors();
    }

    @Test
    void theBrowsersLanguageChoosesWithoutLangAndTheLinksSwitchIt() {
        Order o = order("BANK", "1500.07", "CREATED", Duration.ofMinutes(30), null, null, "招商银行 深圳分行");
        String userAgent = (String) browser.executeScript("return navigator.userAgent");
        browser.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", userAgent, "acceptLanguage", "zh-CN,zh"));
        try {
            browser.get(baseUrl() + "/cashier/?o=" + o.token());
            waitVisible("pay");
            assertThat(browser.executeScript("return navigator.language")).isEqualTo("zh-CN");
            assertThat(textOf("pay", "h1")).isEqualTo(ZH.title());
            assertThat(browser.getTitle()).isEqualTo("付款");
            assertThat(browser.findElement(By.id("channel")).getText()).isEqualTo(ZH.bank());
            assertThat(textOf("pay", "dt#bank-label")).isEqualTo("开户行");
            assertThat(browser.findElement(By.id("bank-name")).getText()).isEqualTo("招商银行 深圳分行");
            assertThat(browser.findElement(By.id("qr")).isDisplayed()).isFalse(); // no QR image for this channel
            assertThat(browser.findElement(By.id("amount-dec")).getText()).isEqualTo("07");
            assertFitsAPhoneScreen();

            browser.findElement(By.id("lang-en")).click();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("lang=en"));
            waitVisible("pay");
            assertThat(browser.getCurrentUrl()).contains("o=" + o.token());
            assertThat(textOf("pay", "h1")).isEqualTo(EN.title());
            assertThat(browser.findElement(By.id("channel")).getText()).isEqualTo(EN.bank());
            assertThat(textOf("pay", "dt#bank-label")).isEqualTo("Bank");
            assertThat(browser.getTitle()).isEqualTo("Payment");
        } finally {
            browser.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", userAgent, "acceptLanguage", "en-US,en"));
        }
        browser.get(baseUrl() + "/cashier/?o=" + o.token());
        waitVisible("pay");
        assertThat(textOf("pay", "h1")).isEqualTo(EN.title());
        assertNoConsoleErrors();
    }

    @Test
    void assetsAreFingerprintedAndCachedForAYearWhileThePageAndApiAreNot() throws Exception {
        Order o = order("ALIPAY", "10.05", "CREATED", Duration.ofMinutes(10), null, null, null);
        HttpResponse<byte[]> page = get("/cashier/?o=" + o.token());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html").containsIgnoringCase("utf-8"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).startsWith("default-src 'self';"));
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("{{");
        for (String alias : List.of("/cashier", "/cashier/index.html")) {
            HttpResponse<byte[]> same = get(alias);
            assertThat(same.statusCode()).as(alias).isEqualTo(200);
            assertThat(same.headers().firstValue("Cache-Control")).as(alias).hasValue("no-cache");
            assertThat(same.body()).as(alias).isEqualTo(page.body());
        }

        Map<String, String> types = Map.of("cashier.js", "text/javascript", "cashier.css", "text/css", "icon.svg", "image/svg+xml");
        Matcher m = Pattern.compile("\"(/cashier/assets/(\\w+)\\.([0-9a-f]{12})\\.(\\w+))\"").matcher(html);
        Set<String> named = new TreeSet<>();
        while (m.find()) {
            String url = m.group(1);
            String file = m.group(2) + "." + m.group(4);
            String hash = m.group(3);
            named.add(file);
            HttpResponse<byte[]> r = get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            assertThat(r.headers().firstValue("Cache-Control")).as(url).hasValue("max-age=31536000, public, immutable");
            assertThat(r.headers().firstValue("Content-Type")).as(url).hasValueSatisfying(v -> assertThat(v).startsWith(types.get(file)));
            // the name carries the content's hash: a changed file gets a new name, so a year's caching is safe
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body()))).as(url).startsWith(hash);
            assertThat(r.body()).as(url).isEqualTo(resource("cashier/" + file));
            // an old or made-up version is not there (and not cached as if it were)
            HttpResponse<byte[]> stale = get(url.replace(hash, "0123456789ab"));
            assertThat(stale.statusCode()).as(url).isEqualTo(404);
            assertThat(stale.headers().firstValue("Cache-Control").orElse("")).as(url).doesNotContain("immutable");
        }
        assertThat(named).as("assets index.html names").containsExactlyElementsOf(new TreeSet<>(types.keySet()));

        HttpResponse<byte[]> api = get("/cashier/api/orders/" + o.token());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(new String(api.body(), StandardCharsets.UTF_8)).contains("\"payableAmount\":\"10.05\"");
        assertThat(get("/cashier/api/orders/" + newToken()).statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------------------------

    record Order(long id, String orderNo, String token) {
    }

    /** An order with its payee channel, as otc-svc would have written them; {@code expiresIn} from the server's now. */
    Order order(String channel, String payable, String status, Duration expiresIn, String returnUrl, String qrKey, String bankName) {
        long adId = 1000 + SEQ.incrementAndGet();
        AdChannelDO c = new AdChannelDO();
        c.setAdId(adId);
        c.setChannel(channel);
        c.setPayeeName("张三");
        c.setPayeeAccount("zhangsan@example.com");
        c.setBankName(bankName);
        c.setQrKey(qrKey);
        channels.insert(c);

        LocalDateTime now = now();
        OrderDO o = new OrderDO();
        o.setOrderNo("P" + System.currentTimeMillis() + SEQ.incrementAndGet());
        o.setCashierToken(newToken());
        o.setMerchantNo("M1");
        o.setMerchantOrderNo("MO-" + o.getOrderNo());
        o.setAdId(adId);
        o.setAcceptorId(42L);
        o.setChannel(channel);
        o.setFiatCurrency("CNY");
        BigDecimal payableAmount = new BigDecimal(payable);
        o.setFiatAmount(payableAmount.subtract(new BigDecimal("0.01")).max(new BigDecimal("0.01")));
        o.setPayableAmount(payableAmount);
        o.setCoin("USDT");
        o.setCoinAmount(new BigDecimal("1.000000"));
        o.setRate(new BigDecimal("7.200000"));
        o.setStatus(status);
        o.setNotifyUrl("https://shop.example/notify");
        o.setReturnUrl(returnUrl);
        o.setExpiresAt(now.plus(expiresIn));
        o.setCreatedAt(now);
        o.setUpdatedAt(now);
        if (!"CREATED".equals(status)) {
            o.setClosedAt(now);
        }
        orders.insert(o);
        return new Order(o.getId(), o.getOrderNo(), o.getCashierToken());
    }

    /** A 64×64 PNG in object storage, as an acceptor's QR upload leaves it. */
    String storeQr() {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 64; y++) {
                img.setRGB(x, y, ((x / 8 + y / 8) % 2 == 0 ? Color.BLACK : Color.WHITE).getRGB());
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = "qr/" + SEQ.incrementAndGet() + "/alipay-" + newToken() + ".png";
        storage.put(key, png.toByteArray(), "image/png");
        return key;
    }

    LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static String newToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String pageUrl(String token, String lang) {
        return baseUrl() + "/cashier/?o=" + token + "&lang=" + lang;
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
    }

    void waitVisible(String id) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    String textOf(String id, String css) {
        return browser.findElement(By.id(id)).findElement(By.cssSelector(css)).getText();
    }

    /** The countdown in seconds ({@code mm:ss} or {@code h:mm:ss}). */
    int countdownSeconds() {
        String text = browser.findElement(By.id("countdown")).getText();
        assertThat(text).matches("(\\d+:)?\\d\\d:\\d\\d");
        int seconds = 0;
        for (String part : text.split(":")) {
            seconds = seconds * 60 + Integer.parseInt(part);
        }
        return seconds;
    }

    void assertFitsAPhoneScreen() {
        assertThat(((Number) browser.executeScript("return window.innerWidth")).intValue()).isEqualTo(PHONE_WIDTH);
        Object overflow = browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal scrolling on a " + PHONE_WIDTH + " px wide screen").isLessThanOrEqualTo(0);
    }

    List<LogEntry> severeConsoleEntries() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    void assertNoConsoleErrors() {
        assertThat(severeConsoleEntries()).as("errors in the browser's console").isEmpty();
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("apay-cashier-files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves an order's status as otc-svc's lifecycle would (the page only reads it). */
    private int setStatus(long id, String from, String to, java.time.LocalDateTime at) {
        OrderDO change = new OrderDO();
        change.setStatus(to);
        change.setUpdatedAt(at);
        return orders.update(change, new com.baomidou.mybatisplus.core.conditions.update.LambdaUpdateWrapper<OrderDO>()
                .eq(OrderDO::getId, id).eq(OrderDO::getStatus, from));
    }
}
