package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One merchant cannot shut the merchant API for the others: merchant-api-svc's circuit breaker towards otc-svc is
 * shared by every merchant, so otc-svc's business answers (16002 "no acceptor available", sent with HTTP 503) must
 * not count as failures there.
 */
class MerchantIsolationIT {

    @BeforeAll
    static void up() throws Exception {
        MoneyFixture.up();
        MoneyFixture.payingAcceptor(); // an online acceptor with an ALIPAY ad, so an order for BANK finds no taker
    }

    @Test
    void merchantBIsUnaffectedByMerchantAsTwentyFiveUnassignableOrders() throws Exception {
        MerchantClient a = MoneyFixture.newMerchant("Shop A");
        MerchantClient b = MoneyFixture.newMerchant("Shop B");
        try {
            for (int i = 0; i < 25; i++) {
                AppClient.Reply refused = a.post("/merchant-api/orders", unassignable("A-" + i + "-" + UUID.randomUUID()));
                assertThat(refused.code()).as("order %d of merchant A: %s", i, refused.body()).isEqualTo(16002);
                assertThat(refused.status()).isEqualTo(503);
            }
            AppClient.Reply placed = b.post("/merchant-api/orders", unassignable("B-" + UUID.randomUUID()));
            assertThat(placed.code()).as("merchant B still reaches otc-svc: " + placed.body()).isEqualTo(16002);
            String unknown = "B-none-" + UUID.randomUUID();
            AppClient.Reply query = b.get("/merchant-api/orders", Map.of("merchantOrderNo", unknown));
            assertThat(query.code()).as("merchant B's query: " + query.body()).isNotIn(10503, 10504).isNotZero();
            assertThat(query.status()).as(query.body().toString()).isBetween(400, 499);
        } finally {
            Matrix.waitOutOpenBreakers("otc-svc"); // if it failed, the next test must not meet an open breaker
        }
    }

    /** An order in range of the online acceptor's ad, for a channel no ad offers: otc-svc answers 16002. */
    private static Map<String, Object> unassignable(String merchantOrderNo) {
        Map<String, Object> order = new HashMap<>(MoneyFixture.order(merchantOrderNo, "50.00"));
        order.put("channel", "BANK");
        return order;
    }
}
