package io.apay.e2e;

import static io.apay.e2e.MoneyFixture.CNY;
import static io.apay.e2e.MoneyFixture.await;
import static io.apay.e2e.MoneyFixture.finance;
import static io.apay.e2e.MoneyFixture.mesh;
import static io.apay.e2e.MoneyFixture.merchant;
import static io.apay.e2e.MoneyFixture.risk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.apay.common.test.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operators' console (docs/console.md) in headless Chromium against the whole mesh: an operator activates the
 * account and logs in with TOTP, then does through the UI only what operators do every day, and each effect is read
 * back through the admin API. A SUPPORT operator sees and reaches no write action; an ended session goes back to
 * login and then to the same screen. Every screen is drawn in en and zh-CN on a 1280 px laptop (and the busiest on a
 * 390 px phone) without a console error, and photographed for docs/console.md: into
 * {@code -Dapay.console.screenshots=<dir>} (the docs use {@code docs/console}), else target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final int LAPTOP = 1280;
    static final int PHONE = 390;
    static final Path SHOTS = Path.of(System.getProperty("apay.console.screenshots", "target/console-screenshots"));

    static ChromeDriver browser;
    static String gateway;
    /** The operator who does the work through the console (SUPER_ADMIN, activated through the console). */
    static Operator admin;
    /** Facts the steps leave for the later ones and for the screenshots. */
    static final Map<String, String> FACTS = new HashMap<>();

    record Operator(String username, String password, Totp totp) {
    }

    /** An authenticator: each login uses a new time step (user-svc never takes the same step twice). */
    static final class Totp {
        final String secret;
        long lastStep;

        Totp(String secret, long usedStep) {
            this.secret = secret;
            this.lastStep = usedStep;
        }

        String next() throws Exception {
            // user-svc accepts the current step or one either side, each step once: take the next unused one
            long step = Math.max(lastStep + 1, now());
            while (step > now() + 1) {
                Thread.sleep(500);
            }
            lastStep = step;
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
        }

        static long now() {
            return System.currentTimeMillis() / 30_000;
        }
    }

    @BeforeAll
    static void up() throws Exception {
        MoneyFixture.up();
        gateway = mesh.gateway();
        browser = HeadlessChromium.start("en-US", LAPTOP, 900, WAIT);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void down() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void noDialogLeftOpen() {
        browser.executeScript("document.querySelectorAll('.overlay').forEach(o => o.remove())");
    }

    // ------------------------------------------------------------------------------------------------ the steps

    @Test
    @Order(1)
    void anOperatorActivatesTheAccountWithTheAuthenticatorQrThenLogsInWithTotp() throws Exception {
        String username = "ola" + suffix();
        AppClient.Reply created = SharedMesh.root().client().post("/admin-api/user/operators", Map.of("username", username,
                "displayName", "Ola", "roles", List.of("SUPER_ADMIN"), "reason", "console test: new operator"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        String code = created.data().get("activationCode").asText();

        browser.get(gateway + "/console/");
        setLanguage("en");
        waitFor("[data-field=username]");
        shot("login", "en");
        click("[data-test=to-activate]");
        type("username", username);
        type("activationCode", code);
        click("[data-test=submit]");
        String secret = waitFor("[data-test=secret]").getText();
        assertThat(browser.findElement(By.cssSelector("img[data-test=qr]")).getAttribute("src")).startsWith("data:image/png;base64,");
        assertThat(((Number) browser.executeScript("return document.querySelector('img[data-test=qr]').naturalWidth")).intValue())
                .as("the QR image decodes").isPositive();
        shot("activation", "en");
        Totp totp = new Totp(secret, Totp.now() - 2);
        String password = "console-pass-" + suffix();
        WebElement step2 = waitFor("[data-test=activate-step2]");
        step2.findElement(By.cssSelector("[data-field=password]")).sendKeys(password);
        step2.findElement(By.cssSelector("[data-field=password2]")).sendKeys(password);
        step2.findElement(By.cssSelector("[data-field=totpCode]")).sendKeys(totp.next());
        step2.findElement(By.cssSelector("[data-test=submit]")).click();
        waitFor("[data-test=login-notice]"); // the login page, saying the account is active
        admin = new Operator(username, password, totp);
        login(admin);
        waitReady("dashboard");
        assertThat(text("[data-test=who]")).contains(username);
        assertNoConsoleErrors("login");
    }

    @Test
    @Order(2)
    void onboardsAMerchantWithItsPublicKeyAndWhitelist() throws Exception {
        MerchantClient shop = new MerchantClient(gateway, "M-UI-" + suffix());
        go("merchants");
        // a wrong key first: the API's code and message are shown in the dialog, and nothing is created
        waitFor("[data-action='onboard-merchant']").click();
        WebElement dialog = waitFor("[data-test=dialog]");
        Map.of("merchantNo", shop.merchantNo, "name", "Console Shop", "ipWhitelist", "127.0.0.1", "publicKeyPem", "not a key",
                "reason", "console test: contract signed").forEach((name, value) -> dialog.findElement(By.cssSelector("[data-field='" + name + "']")).sendKeys(value));
        dialog.findElement(By.cssSelector("[data-test=confirm]")).click();
        new WebDriverWait(browser, WAIT).until(d -> !text("[data-test=dialog-error]").isEmpty());
        assertThat(text("[data-test=dialog-error]")).startsWith("Error 20003: ").contains("publicKeyPem");
        HeadlessChromium.consoleErrors(browser); // the browser logs the refused call (400): expected here
        assertThat(finance.get("/admin-api/merchant/merchants/" + shop.merchantNo).status()).isEqualTo(404);
        noDialogLeftOpen();
        action("onboard-merchant", Map.of("merchantNo", shop.merchantNo, "name", "Console Shop",
                "ipWhitelist", "127.0.0.1\n10.0.0.0/8", "publicKeyPem", shop.publicKeyPem()), "console test: contract signed");
        waitReady("merchant");
        assertThat(text("main h1")).contains(shop.merchantNo);

        JsonNode m = finance.get("/admin-api/merchant/merchants/" + shop.merchantNo).data();
        assertThat(m.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(m.get("ipWhitelist").toString()).contains("127.0.0.1", "10.0.0.0/8");
        assertThat(m.get("keys").size()).isEqualTo(1);
        assertThat(opLogReasons("merchant")).contains("console test: contract signed");
        // the merchant can sign in at once with the key the operator pasted
        assertThat(shop.get("/merchant-api/orders", Map.of("pageSize", "1")).status()).isEqualTo(200);
        FACTS.put("merchantNo", shop.merchantNo);

        // lists sort by any column, both ways
        go("merchants");
        click("[data-test=merchants] button[data-sort=merchantNo]");
        List<String> up = rowKeys("merchants");
        click("[data-test=merchants] button[data-sort=merchantNo]");
        List<String> down = rowKeys("merchants");
        assertThat(up).hasSizeGreaterThan(1).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        List<String> reversed = new ArrayList<>(up);
        Collections.reverse(reversed);
        assertThat(down).containsExactlyElementsOf(reversed);
        assertNoConsoleErrors("onboarding");
    }

    @Test
    @Order(3)
    void approvesAnAcceptorApplication() throws Exception {
        AppClient app = MoneyFixture.registeredUser();
        long userId = MoneyFixture.userId(app);
        assertThat(app.post("/app-api/otc/acceptor/apply", Map.of("displayName", "desk " + userId)).status()).isEqualTo(200);
        assertThat(finance.post("/admin-api/ledger/credits", Map.of("requestId", "console-margin-" + userId,
                "owner", Map.of("ownerType", "ACCEPTOR", "ownerId", Long.toString(userId)), "coin", "USDT", "amount", "1000",
                "reason", "console test: margin")).status()).isEqualTo(200);

        go("acceptors?status=APPLIED");
        assertThat(browser.findElements(By.cssSelector("[data-test=acceptors] [data-row='" + userId + "']"))).hasSize(1);
        go("acceptor?userId=" + userId);
        action("approve-acceptor", Map.of(), "console test: documents checked");
        waitReady("acceptor");

        JsonNode acceptor = risk.get("/admin-api/otc/acceptors/" + userId).data();
        assertThat(acceptor.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(app.get("/app-api/otc/acceptor").data().get("status").asText()).isEqualTo("ACTIVE");
        FACTS.put("acceptorId", Long.toString(userId));
        assertNoConsoleErrors("approval");
    }

    @Test
    @Order(4)
    void findsAPaidOrderByTheMerchantsNumberReadsItsTimelineAndRedeliversItsCallback() throws Exception {
        MoneyFixture.Acceptor acceptor = MoneyFixture.payingAcceptor();
        String merchantOrderNo = "ui-" + suffix();
        JsonNode order = MoneyFixture.placeLikeAMerchant(MoneyFixture.order(merchantOrderNo, "50")).data();
        String orderNo = order.get("orderNo").asText();
        acceptor.monitor().awaitFrame(f -> "order.assigned".equals(f.path("type").asText()) && orderNo.equals(f.path("orderId").asText()),
                Duration.ofSeconds(20));
        acceptor.monitor().reportPayment("n-" + UUID.randomUUID(), "ALIPAY", order.get("payableAmount").asText(), CNY, "buyer", Instant.now())
                .get(10, TimeUnit.SECONDS);
        MoneyFixture.awaitCallback(c -> orderNo.equals(c.json().path("orderNo").asText()));

        // the operator knows only the merchant's number
        go("orders");
        type("q", merchantOrderNo);
        browser.executeScript("document.getElementById('main').removeAttribute('data-ready')"); // wait for the new list
        click("[data-test=search]");
        waitReady("orders");
        assertThat((String) browser.executeScript("return location.hash")).contains("q=" + merchantOrderNo);
        assertThat(rowKeys("orders")).containsExactly(orderNo);
        waitFor("[data-test=orders] [data-row='" + orderNo + "'] a").click();
        waitReady("order");
        List<String> events = await("the order's timeline with its callback", () -> {
            List<String> e = browser.findElements(By.cssSelector("[data-test=timeline] li")).stream()
                    .map(li -> li.getAttribute("data-event")).toList();
            return e.contains("CALLBACK") ? e : null;
        });
        assertThat(events).contains("CREATED", "REPORTED", "PAID", "COMPLETED", "CALLBACK");
        assertThat(events.indexOf("CREATED")).isLessThan(events.indexOf("PAID"));
        assertThat(events.indexOf("PAID")).isLessThan(events.indexOf("CALLBACK"));
        assertThat(text("main")).contains(orderNo, merchantOrderNo);
        FACTS.put("orderNo", orderNo);

        // the merchant says it never got the callback: the operator sends it again
        JsonNode before = finance.get("/admin-api/merchant/callbacks?orderNo=" + orderNo).data().get("list").get(0);
        long callbackId = before.get("id").asLong();
        int callbacksBefore = MoneyFixture.CALLBACKS.stream().filter(c -> orderNo.equals(c.json().path("orderNo").asText())).toList().size();
        waitFor("[data-test=timeline] li[data-event=CALLBACK] a").click();
        waitReady("callback");
        action("redeliver", Map.of(), "console test: merchant lost the callback");
        waitReady("callback");
        await("the redelivered callback at the merchant", () -> MoneyFixture.CALLBACKS.stream()
                .filter(c -> orderNo.equals(c.json().path("orderNo").asText())).count() > callbacksBefore ? true : null);
        JsonNode after = await("a second delivery attempt recorded", () -> {
            JsonNode d = finance.get("/admin-api/merchant/callbacks/" + callbackId).data();
            return d.get("attempts").size() > before.get("attempts").asInt() ? d : null;
        });
        assertThat(after.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(opLogReasons("merchant")).contains("console test: merchant lost the callback");
        FACTS.put("callbackId", Long.toString(callbackId));
        assertNoConsoleErrors("order timeline and redelivery");
    }

    @Test
    @Order(5)
    void resolvesAnAppealWithAReason() throws Exception {
        MoneyFixture.Acceptor acceptor = MoneyFixture.payingAcceptor();
        JsonNode order = MoneyFixture.placeLikeAMerchant(MoneyFixture.order("ui-appeal-" + suffix(), "30")).data();
        String orderNo = order.get("orderNo").asText();
        acceptor.monitor().awaitFrame(f -> "order.assigned".equals(f.path("type").asText()) && orderNo.equals(f.path("orderId").asText()),
                Duration.ofSeconds(20));
        AppClient.Reply appeal = risk.post("/admin-api/otc/orders/" + orderNo + "/appeal", Map.of("reason", "buyer says paid, no credit seen"));
        assertThat(appeal.status()).as(appeal.body().toString()).isEqualTo(200);

        go("order?no=" + orderNo);
        action("resolve-appeal", Map.of("decision", "CANCEL"), "console test: no payment arrived");
        waitReady("order");

        JsonNode resolved = finance.get("/admin-api/otc/orders/" + orderNo).data();
        assertThat(resolved.path("order").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(opLogReasons("otc")).contains("console test: no payment arrived");
        assertThat(browser.findElements(By.cssSelector("[data-test=timeline] li")).stream().map(li -> li.getAttribute("data-event")))
                .contains("APPEAL_OPENED", "APPEAL_RESOLVED");
        FACTS.put("appealOrderNo", orderNo);
        assertNoConsoleErrors("appeal");
    }

    @Test
    @Order(6)
    void creditsABalanceByHand() throws Exception {
        AppClient user = MoneyFixture.registeredUser();
        String userId = Long.toString(MoneyFixture.userId(user));
        go("ledger?ownerType=USER&ownerId=" + userId);
        action("credit", Map.of("ownerType", "USER", "ownerId", userId, "coin", "USDT", "amount", "12.5"), "console test: goodwill credit");
        waitReady("ledger");

        assertThat(MoneyFixture.balances("USER", userId).get("AVAILABLE")).isEqualByComparingTo("12.5");
        assertThat(opLogReasons("ledger")).contains("console test: goodwill credit");
        FACTS.put("userId", userId);
        assertNoConsoleErrors("credit");

        // the answer to the next credit is lost on its way back; the operator presses Confirm again: one credit only
        browser.executeScript("""
                const real = window.fetch; let dropped = false;
                window.fetch = async (url, init) => {
                  const answer = await real(url, init);
                  if (!dropped && String(url).endsWith('/admin-api/ledger/credits')) { dropped = true; throw new TypeError('connection lost'); }
                  return answer;
                };""");
        waitFor("[data-action='credit']").click();
        WebElement dialog = waitFor("[data-test=dialog]");
        new Select(dialog.findElement(By.cssSelector("[data-field=coin]"))).selectByValue("USDT");
        dialog.findElement(By.cssSelector("[data-field=amount]")).sendKeys("7.25");
        dialog.findElement(By.cssSelector("[data-field=reason]")).sendKeys("console test: second goodwill credit");
        dialog.findElement(By.cssSelector("[data-test=confirm]")).click();
        new WebDriverWait(browser, WAIT).until(d -> !text("[data-test=dialog-error]").isEmpty());
        assertThat(text("[data-test=dialog-error]")).contains("Confirm sends the same request again");
        assertThat(MoneyFixture.balances("USER", userId).get("AVAILABLE")).isEqualByComparingTo("19.75"); // it did happen
        dialog.findElement(By.cssSelector("[data-test=confirm]")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector("[data-test=dialog]")).isEmpty());
        waitReady("ledger");
        assertThat(MoneyFixture.balances("USER", userId).get("AVAILABLE")).isEqualByComparingTo("19.75");
        assertNoConsoleErrors("credit retried after a lost answer");
    }

    @Test
    @Order(7)
    void everyScreenInEnglishAndChineseOnALaptopAndAPhoneWithoutAConsoleError() throws Exception {
        List<String> routes = new ArrayList<>(List.of("dashboard", "merchants", "merchant?no=" + FACTS.get("merchantNo"), "callbacks",
                "callback?id=" + FACTS.get("callbackId"), "acceptors", "acceptor?userId=" + FACTS.get("acceptorId"), "orders",
                "order?no=" + FACTS.get("orderNo"), "payments", "users", "ledger?ownerType=USER&ownerId=" + FACTS.get("userId"),
                "reconciliation", "withdrawals", "wealth", "jobs", "operators", "app-clients", "oplogs"));
        for (String lang : List.of("en", "zh-CN")) {
            setLanguage(lang);
            for (String route : routes) {
                String id = route.split("\\?")[0];
                go(route);
                assertThat(browser.findElements(By.cssSelector("[data-test=screen-error], [data-test=list-error]")))
                        .as(route + " in " + lang + ": " + text("main")).isEmpty();
                assertNoHorizontalScroll(route + " in " + lang);
                assertNoConsoleErrors(route + " in " + lang);
                shot(id, lang);
            }
            HeadlessChromium.emulate(browser, PHONE, 844, true);
            try {
                for (String route : List.of("dashboard", "orders", "order?no=" + FACTS.get("orderNo"))) {
                    go(route);
                    assertNoHorizontalScroll(route + " on a phone in " + lang);
                    shot(route.split("\\?")[0] + "-phone", lang);
                }
            } finally {
                browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            }
            assertNoConsoleErrors("phone in " + lang);
        }
        @SuppressWarnings("unchecked")
        List<String> missing = (List<String>) browser.executeScript("return A.i18n.missing()");
        assertThat(missing).as("strings without a zh-CN translation").isEmpty();
        assertThat(chineseGlyphsRender()).as("zh-CN text renders as glyphs, not empty boxes (is fonts-noto-cjk installed?)").isTrue();
        setLanguage("en");
    }

    @Test
    @Order(8)
    void aSupportOperatorSeesAndReachesNoWriteAction() throws Exception {
        // screens where the super admin has write buttons: the same screens show SUPPORT none
        String openOrder = MoneyFixture.placeLikeAMerchant(MoneyFixture.order("ui-open-" + suffix(), "20")).data().get("orderNo").asText();
        List<String> writeScreens = List.of("merchants", "merchant?no=" + FACTS.get("merchantNo"), "callback?id=" + FACTS.get("callbackId"),
                "acceptor?userId=" + FACTS.get("acceptorId"), "order?no=" + openOrder, "ledger?ownerType=USER&ownerId=" + FACTS.get("userId"),
                "user?id=" + FACTS.get("userId"), "reconciliation", "jobs", "wealth", "operators", "app-clients");
        for (String route : writeScreens) {
            go(route);
            assertThat(browser.findElements(By.cssSelector("[data-action]"))).as("write actions the super admin sees on " + route).isNotEmpty();
        }
        String username = "sam" + suffix();
        AppClient.Reply created = SharedMesh.root().client().post("/admin-api/user/operators", Map.of("username", username,
                "displayName", "Sam", "roles", List.of("SUPPORT"), "reason", "console test: support desk"));
        String password = "support-pass-" + suffix();
        AdminClient api = new AdminClient(gateway);
        String secret = api.activate(username, created.data().get("activationCode").asText(), password);
        Operator support = new Operator(username, password, new Totp(secret, Totp.now()));
        logout();
        setLanguage("zh-CN");
        waitFor("[data-field=username]");
        shot("login", "zh-CN");
        setLanguage("en");
        login(support);
        waitReady("dashboard");

        List<String> menu = browser.findElements(By.cssSelector("nav a[data-nav]")).stream().map(a -> a.getAttribute("data-nav")).toList();
        assertThat(menu).contains("dashboard", "merchants", "orders", "ledger").doesNotContain("operators", "app-clients");
        List<String> readable = new ArrayList<>(writeScreens.subList(0, writeScreens.size() - 2));
        readable.addAll(List.of("payments", "withdrawals", "users", "callbacks", "acceptors", "orders"));
        for (String route : readable) {
            go(route);
            assertThat(browser.findElements(By.cssSelector("[data-test=screen-error], [data-test=list-error]")))
                    .as(route + " for SUPPORT: " + text("main")).isEmpty();
            assertThat(browser.findElements(By.cssSelector("[data-action]"))).as("write actions a SUPPORT operator sees on " + route).isEmpty();
        }
        for (String route : List.of("operators", "app-clients")) { // not even readable: the menu has no link, the screen says so
            go(route);
            waitFor("[data-test=forbidden]");
        }
        assertThat(merchant.post("/merchant-api/orders/" + openOrder + "/close", Map.of()).status()).isEqualTo(200);
        assertNoConsoleErrors("support");
        // and the API refuses what the screens do not offer (with the console's own session)
        api.token = (String) browser.executeScript("return A.session.get().token");
        AppClient.Reply suspend = api.post("/admin-api/merchant/merchants/" + FACTS.get("merchantNo") + "/suspend", Map.of("reason", "try"));
        assertThat(suspend.status()).isEqualTo(403);
        AppClient.Reply redeliver = api.post("/admin-api/merchant/callbacks/" + FACTS.get("callbackId") + "/redeliver", Map.of("reason", "try"));
        assertThat(redeliver.status()).isEqualTo(403);
        FACTS.put("support", username);
        supportOperator = support;
    }

    static Operator supportOperator;

    @Test
    @Order(9)
    void anEndedSessionGoesBackToLoginAndThenToTheSameScreen() throws Exception {
        go("orders?status=COMPLETED");
        String token = (String) browser.executeScript("return A.session.get().token");
        AdminClient other = new AdminClient(gateway);
        other.token = token;
        assertThat(other.post("/admin-api/user/auth/logout", Map.of()).status()).isEqualTo(200); // the session ends elsewhere
        // the operator goes on working on the same list: 50 a page
        new Select(waitFor(".pager select")).selectByValue("50");
        waitFor("[data-test=login-notice]");
        HeadlessChromium.consoleErrors(browser); // the refused call (401) is logged by the browser: expected here
        login(supportOperator);
        waitReady("orders");
        assertThat((String) browser.executeScript("return location.hash")).contains("status=COMPLETED").contains("pageSize=50");
        assertThat(browser.findElement(By.cssSelector("[data-field=status]")).getAttribute("value")).isEqualTo("COMPLETED");
        assertThat(new Select(browser.findElement(By.cssSelector(".pager select"))).getFirstSelectedOption().getText()).isEqualTo("50");
        assertNoConsoleErrors("back after login");
    }

    // ------------------------------------------------------------------------------------------------ the browser

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static void login(Operator op) throws Exception {
        waitFor("[data-field=username]");
        type("username", op.username());
        type("password", op.password());
        type("totpCode", op.totp().next());
        click("[data-test=submit]");
        waitFor("main[data-ready]");
    }

    static void logout() {
        click("[data-test=logout]");
        waitFor("[data-field=username]");
    }

    /** Opens a screen (#/route) and waits until it is drawn and its lists loaded. */
    static void go(String route) {
        browser.executeScript("var m = document.getElementById('main'); if (m) m.removeAttribute('data-ready');"
                + "location.hash = arguments[0]", "#/" + route);
        waitReady(route.split("\\?")[0]);
    }

    static void waitReady(String screen) {
        new WebDriverWait(browser, WAIT).withMessage(() -> "screen " + screen + " drawn; page: " + text("body"))
                .until(d -> (Boolean) browser.executeScript("return !!document.querySelector('main[data-ready=\"' + arguments[0] + '\"]')"
                        + " && !document.querySelector('[aria-busy]')", screen));
    }

    /** Clicks a write action, fills its dialog (fields by name, then the reason), confirms, waits until it closes. */
    static void action(String test, Map<String, String> fields, String reason) {
        waitFor("[data-action='" + test + "']").click();
        WebElement dialog = waitFor("[data-test=dialog]");
        fields.forEach((name, value) -> {
            WebElement field = dialog.findElement(By.cssSelector("[data-field='" + name + "']"));
            if ("select".equals(field.getTagName())) {
                new Select(field).selectByValue(value);
            } else {
                field.clear();
                field.sendKeys(value);
            }
        });
        dialog.findElement(By.cssSelector("[data-field=reason]")).sendKeys(reason);
        dialog.findElement(By.cssSelector("[data-test=confirm]")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector("[data-test=dialog]")).isEmpty()
                || !text("[data-test=dialog-error]").isEmpty());
        assertThat(text("[data-test=dialog-error]")).as(test + ": the dialog's error").isEmpty();
    }

    static WebElement waitFor(String css) {
        // an element found can be redrawn before it is asked whether it shows (the login form after a logout): look again
        return new WebDriverWait(browser, WAIT).withMessage(() -> css + " on " + browser.getCurrentUrl() + ": " + text("body"))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    static void click(String css) {
        waitFor(css).click();
    }

    static void type(String field, String value) {
        WebElement e = waitFor("[data-field='" + field + "']");
        e.clear();
        e.sendKeys(value);
    }

    static List<String> rowKeys(String table) {
        return browser.findElements(By.cssSelector("[data-test=" + table + "] tbody tr[data-row]")).stream()
                .map(r -> r.getAttribute("data-row")).toList();
    }

    /** The text of the first element matching css, or "" (also when the page redraws it meanwhile). */
    static String text(String css) {
        try {
            List<WebElement> found = browser.findElements(By.cssSelector(css));
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    static void setLanguage(String lang) {
        browser.executeScript("localStorage.setItem('apay.console.lang', arguments[0]); location.reload()", lang);
        waitFor("#app > *");
    }

    static void shot(String screen, String lang) throws Exception {
        Files.write(SHOTS.resolve(screen + "-" + lang + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    static void assertNoConsoleErrors(String where) {
        assertThat(HeadlessChromium.consoleErrors(browser)).as("browser console errors: " + where).isEmpty();
    }

    static void assertNoHorizontalScroll(String where) {
        Number overflow = (Number) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal scrolling: " + where).isLessThanOrEqualTo(0);
    }

    /** A Chinese character drawn differently from a character no font has (the empty box): a CJK font is there. */
    static boolean chineseGlyphsRender() {
        return (Boolean) browser.executeScript("""
                function draw(ch) {
                  const c = document.createElement('canvas'); c.width = 40; c.height = 40;
                  const g = c.getContext('2d'); g.font = '32px ' + getComputedStyle(document.body).fontFamily;
                  g.fillText(ch, 2, 32); return c.toDataURL();
                }
                return draw('概') !== draw('\\u{10FFFD}') && draw('概') !== draw('览');""");
    }

    /** The reasons in a service's operation log (newest 100). */
    static List<String> opLogReasons(String service) throws Exception {
        JsonNode rows = SharedMesh.root().client().get("/admin-api/" + service + "/op-logs?pageSize=100").data().get("list");
        List<String> reasons = new ArrayList<>();
        rows.forEach(r -> reasons.add(r.path("reason").asText()));
        return reasons;
    }
}
