package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger accounts a product owns (docs/wealth.md) behave as the accrual relies on, in the real ledger. */
@ApayIntegrationTest
class ProductAccountsIT extends WealthTestSupport {

    @Test
    void aRewardPoolPaysWhatItHoldsAndIsNeverOverdrawn() {
        String owner = "product-" + System.nanoTime();
        Reply funded = ledger("POST", "/rpc-api/ledger/transfers", json("idempotencyKey", "fund-" + owner, "legs", List.of(
                leg("PLATFORM", "platform", "FUNDING", "PRODUCT", owner, "REWARD_POOL", "10"))));
        assertThat(funded.status()).as(funded.body().toString()).isEqualTo(200);

        Reply paid = ledger("POST", "/rpc-api/ledger/transfers", json("idempotencyKey", "pay-" + owner, "legs", List.of(
                leg("PRODUCT", owner, "REWARD_POOL", "PRODUCT", owner, "REWARD_PAYABLE", "9.999999"),
                leg("PRODUCT", owner, "REWARD_POOL", "PRODUCT", owner, "ROUNDING", "0.000001"))));
        assertThat(paid.status()).as(paid.body().toString()).isEqualTo(200);

        Reply overdraw = ledger("POST", "/rpc-api/ledger/transfers", json("idempotencyKey", "over-" + owner, "legs", List.of(
                leg("PRODUCT", owner, "REWARD_POOL", "PRODUCT", owner, "REWARD_PAYABLE", "0.000001"))));
        assertThat(overdraw.status()).isEqualTo(409);

        assertThat(balance("PRODUCT", owner, "USDT", "REWARD_POOL")).isEqualByComparingTo("0");
        assertThat(balance("PRODUCT", owner, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("9.999999");
        assertThat(balance("PRODUCT", owner, "USDT", "ROUNDING")).isEqualByComparingTo(new BigDecimal("0.000001"));
        assertLedgerInvariants();
    }

    private static Map<String, Object> leg(String fromType, String fromId, String fromKind, String toType, String toId, String toKind, String amount) {
        return Map.of("from", Map.of("ownerType", fromType, "ownerId", fromId, "coin", "USDT", "kind", fromKind),
                "to", Map.of("ownerType", toType, "ownerId", toId, "coin", "USDT", "kind", toKind), "amount", amount);
    }
}
