package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;

/** Products and subscriptions made through the real admin and app APIs, for the product and subscription tests. */
abstract class WealthAppTestSupport extends WealthTestSupport {

    /** Users and product codes unique in this JVM: the ledger process (and its balances) is shared by every test class. */
    private static final AtomicLong NEXT = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000) * 1000);

    /** An id no test schema hands out. */
    static final long UNKNOWN_ID = 9_000_000_000_000_000L;

    @BeforeEach
    void startOfTime() {
        clock.set(EPOCH);
    }

    static long newUserId() {
        return NEXT.incrementAndGet();
    }

    static String newCode(String prefix) {
        return prefix + "-" + Long.toString(NEXT.incrementAndGet(), 36).toUpperCase();
    }

    /** A flexible USDT staking product's definition, on sale from EPOCH; callers change what they test. */
    static Map<String, Object> definition(String code) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("name", "USDT flexible " + code);
        d.put("type", "STAKING");
        d.put("lockCoin", "USDT");
        d.put("rewardRate", "0.08");
        d.put("minAmount", "1");
        d.put("maxPerUser", "100");
        d.put("totalQuota", "1000");
        d.put("saleStart", EPOCH.toString());
        d.put("reason", "new product for the test");
        return d;
    }

    static String json(Map<String, Object> m) {
        try {
            return MAPPER.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Reply createProduct(Map<String, Object> definition) {
        return asOperator("FINANCE", "POST", "/admin-api/wealth/products", json(definition));
    }

    /** Creates and publishes a product; answers its id. */
    long productOnSale(Map<String, Object> definition) {
        Reply created = createProduct(definition);
        assertThat(created.code()).as(created.body().toString()).isZero();
        long id = created.data().path("id").asLong();
        Reply published = lifecycle(id, "publish");
        assertThat(published.code()).as(published.body().toString()).isZero();
        return id;
    }

    Reply lifecycle(long productId, String action) {
        return asOperator("FINANCE", "POST", "/admin-api/wealth/products/" + productId + "/" + action,
                json("reason", "test: " + action));
    }

    Reply subscribe(long userId, String requestNo, long productId, String amount) {
        return asUser(userId, "POST", "/app-api/wealth/subscriptions",
                json("requestNo", requestNo, "productId", productId, "amount", amount));
    }

    BigDecimal available(long userId, String coin) {
        return balance("USER", Long.toString(userId), coin, "AVAILABLE");
    }

    BigDecimal staked(long productId, String coin) {
        return balance("PRODUCT", "product-" + productId, coin, "STAKED");
    }

    BigDecimal locked(long productId) {
        return jdbc.queryForObject("SELECT locked FROM wealth_product WHERE id = ?", BigDecimal.class, productId);
    }

    int positionRows(long userId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM wealth_position WHERE user_id = ?", Integer.class, userId);
    }
}
