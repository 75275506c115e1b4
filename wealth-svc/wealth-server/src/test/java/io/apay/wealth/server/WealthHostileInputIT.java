package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions that must be refused, each with its code, and each leaving nothing behind: no position row, the
 * user's balance and the product's STAKED and locked unchanged.
 */
@ApayIntegrationTest
class WealthHostileInputIT extends WealthAppTestSupport {

    long user;
    long product;
    String code;

    @BeforeEach
    void aFundedUserAndAProductOnSale() {
        user = newUserId();
        fundUser(user, "USDT", "1000");
        code = newCode("HOSTILE");
        Map<String, Object> d = definition(code);
        d.put("minAmount", "10");
        d.put("maxPerUser", "50");
        d.put("saleEnd", EPOCH.plus(Duration.ofDays(10)).toString());
        product = productOnSale(d);
    }

    @Test
    void anAmountWithMoreDecimalsThanTheCoinIsRefused() {
        refused(subscribe(user, "r1", product, "10.0000001"), 400, 18005);
    }

    @Test
    void anAmountBelowTheMinimumIsRefused() {
        refused(subscribe(user, "r1", product, "9.999999"), 400, 18006);
    }

    @Test
    void anAmountOverThePerUserMaximumIsRefused() {
        refused(subscribe(user, "r1", product, "50.000001"), 409, 18007);
    }

    @Test
    void theMaximumCountsThePositionsTheUserAlreadyHas() {
        assertThat(subscribe(user, "r1", product, "45").code()).isZero();

        Reply r = subscribe(user, "r2", product, "10");

        assertThat(r.code()).isEqualTo(18007);
        assertThat(positionRows(user)).isEqualTo(1);
        assertThat(available(user, "USDT")).isEqualByComparingTo("955");
        assertThat(locked(product)).isEqualByComparingTo("45");
    }

    @Test
    void beforeTheSaleStartsAndAfterItEndsNothingIsSold() {
        Map<String, Object> d = definition(newCode("LATER"));
        d.put("saleStart", EPOCH.plus(Duration.ofDays(1)).toString());
        d.put("saleEnd", EPOCH.plus(Duration.ofDays(2)).toString());
        long later = productOnSale(d);

        refused(subscribe(user, "early", later, "10"), later, 409, 18004);
        clock.set(EPOCH.plus(Duration.ofDays(2)));
        refused(subscribe(user, "late", later, "10"), later, 409, 18004);
    }

    @Test
    void aRetiredProductSellsNothing() {
        assertThat(lifecycle(product, "retire").code()).isZero();
        refused(subscribe(user, "r1", product, "10"), 409, 18003);
    }

    @Test
    void aPausedProductSellsNothing() {
        assertThat(lifecycle(product, "pause").code()).isZero();
        refused(subscribe(user, "r1", product, "10"), 409, 18002);
    }

    @Test
    void aDraftSellsNothing() {
        Reply created = createProduct(definition(newCode("DRAFT")));
        long draft = created.data().path("id").asLong();
        refused(subscribe(user, "r1", draft, "10"), draft, 409, 18002);
    }

    @Test
    void anUnknownProductIsNotFound() {
        refused(subscribe(user, "r1", UNKNOWN_ID, "10"), 404, 18001);
        refused(asUser(user, "POST", "/app-api/wealth/subscriptions", json("requestNo", "r2", "productCode", "NO-SUCH", "amount", "10")),
                404, 18001);
    }

    @Test
    void aNegativeZeroOrNonNumericAmountIsAValidationError() {
        refused(subscribe(user, "r1", product, "-10"), 400, 10001);
        refused(subscribe(user, "r2", product, "0"), 400, 10001);
        refused(subscribe(user, "r3", product, "ten"), 400, 10002);
        refused(subscribe(user, "r4", product, "1e2"), 400, 10002);
    }

    @Test
    void anAmountAsAJsonNumberIsRefusedByTheSharedJacksonModule() {
        Reply r = asUser(user, "POST", "/app-api/wealth/subscriptions",
                "{\"requestNo\":\"r1\",\"productId\":" + product + ",\"amount\":10}");
        refused(r, 400, 10002);
        assertThat(r.body().path("message").asText()).contains("amount");
    }

    @Test
    void theProductMustBeNamedExactlyOnceAndTheRequestNoWellFormed() {
        refused(asUser(user, "POST", "/app-api/wealth/subscriptions",
                json("requestNo", "r1", "productId", product, "productCode", code, "amount", "10")), 400, 10001);
        refused(asUser(user, "POST", "/app-api/wealth/subscriptions", json("requestNo", "r2", "amount", "10")), 400, 10001);
        refused(subscribe(user, "has space", product, "10"), 400, 10001);
        refused(subscribe(user, "x".repeat(65), product, "10"), 400, 10001);
    }

    @Test
    void withoutAUserNothingIsAnswered() {
        Reply r = call("http://127.0.0.1:" + port, "POST", "/app-api/wealth/subscriptions",
                json("requestNo", "r1", "productId", product, "amount", "10"), Map.of());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo(10010);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_position WHERE product_id = ?", Integer.class, product)).isZero();
    }

    @Test
    void anotherUsersPositionIsNotFound() {
        long positionId = subscribe(user, "mine", product, "10").data().path("positionId").asLong();
        long stranger = newUserId();

        assertThat(asUser(stranger, "GET", "/app-api/wealth/positions/" + positionId, null).code()).isEqualTo(18011);
        assertThat(asUser(stranger, "GET", "/app-api/wealth/positions/" + positionId + "/accruals", null).code()).isEqualTo(18011);
        assertThat(asUser(stranger, "GET", "/app-api/wealth/positions", null).data().path("total").asLong()).isZero();
        assertThat(asUser(user, "GET", "/app-api/wealth/positions?status=NOPE", null).code()).isEqualTo(10001);
    }

    private void refused(Reply r, int status, int code) {
        refused(r, product, status, code);
    }

    private void refused(Reply r, long productId, int status, int code) {
        assertThat(r.code()).as(r.body().toString()).isEqualTo(code);
        assertThat(r.status()).isEqualTo(status);
        assertThat(positionRows(user)).isZero();
        assertThat(available(user, "USDT")).isEqualByComparingTo("1000");
        assertThat(staked(productId, "USDT")).isZero();
        assertThat(locked(productId)).isZero();
    }
}
