package io.apay.wealth.server.controller.admin.vo;

import io.apay.common.core.validation.PlainText;
import io.apay.common.web.validation.EnumName;
import io.apay.wealth.server.service.product.ProductType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product's definition (create, or edit a DRAFT: the whole definition is replaced) and the operator's reason.
 * Presence and shape are checked here; the product rules (code format, coins, limits, window, term, early redemption)
 * by the service, which answers 18016 naming the rule, 18017 or 18018. {@code rewardCoin} may be left out for STAKING.
 */
public record ProductRequest(
        @NotNull @Size(max = 64) String code,
        @NotBlank @Size(max = 100) @PlainText String name,
        @NotNull @EnumName(ProductType.class) String type,
        @NotNull @Size(max = 16) String lockCoin,
        @Size(max = 16) String rewardCoin,
        Integer termDays,
        @NotNull BigDecimal rewardRate,
        @NotNull BigDecimal minAmount,
        @NotNull BigDecimal maxPerUser,
        @NotNull BigDecimal totalQuota,
        @NotNull Instant saleStart,
        Instant saleEnd,
        Boolean earlyRedeem,
        BigDecimal earlyPenaltyShare,
        @NotBlank @Size(max = 255) @PlainText String reason) {
}
