package io.apay.wealth.server.service.product;

import io.apay.common.core.error.ServiceException;
import io.apay.wealth.api.WealthErrorCodes;
import io.apay.wealth.server.controller.admin.vo.ProductRequest;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rules of a product's definition (docs/wealth.md, "Products"). A broken rule is
 * {@link WealthErrorCodes#PRODUCT_INVALID} with a message naming it; a coin the ledger does not keep is
 * {@link WealthErrorCodes#COIN_UNKNOWN}.
 */
@Component
public class ProductRules {

    static final Pattern CODE = Pattern.compile("[A-Z0-9_-]{2,32}");
    static final int MAX_TERM_DAYS = 3650;
    /** The column keeps 8 decimals of the penalty share. */
    static final int PENALTY_SHARE_SCALE = 8;

    private final LedgerCoins coins;

    public ProductRules(LedgerCoins coins) {
        this.coins = coins;
    }

    /** The checked definition as a row (id, status, locked and timestamps are the caller's). */
    public ProductDO define(ProductRequest r) {
        if (!CODE.matcher(r.code()).matches()) {
            throw invalid("code must be 2-32 of A-Z 0-9 _ -");
        }
        ProductType type = ProductType.valueOf(r.type());
        String rewardCoin = r.rewardCoin();
        if (type == ProductType.STAKING) {
            if (rewardCoin != null && !rewardCoin.equals(r.lockCoin())) {
                throw invalid("a STAKING product earns the coin it locks: rewardCoin must equal lockCoin");
            }
            rewardCoin = r.lockCoin();
        } else if (rewardCoin == null) {
            throw invalid("a MINING product needs a rewardCoin");
        }
        int scale = coins.scale(r.lockCoin());
        coins.scale(rewardCoin);
        if (r.rewardRate().signum() <= 0) {
            throw invalid("rewardRate must be greater than 0");
        }
        BigDecimal min = amount("minAmount", r.minAmount(), scale);
        BigDecimal maxPerUser = amount("maxPerUser", r.maxPerUser(), scale);
        BigDecimal quota = amount("totalQuota", r.totalQuota(), scale);
        if (min.compareTo(maxPerUser) > 0 || maxPerUser.compareTo(quota) > 0) {
            throw invalid("the limits must keep minAmount <= maxPerUser <= totalQuota");
        }
        if (r.saleEnd() != null && !r.saleEnd().isAfter(r.saleStart())) {
            throw invalid("saleEnd must be after saleStart");
        }
        if (r.termDays() != null && (r.termDays() < 1 || r.termDays() > MAX_TERM_DAYS)) {
            throw invalid("termDays must be 1-" + MAX_TERM_DAYS + ", or absent for a flexible product");
        }
        boolean earlyRedeem = Boolean.TRUE.equals(r.earlyRedeem());
        BigDecimal share = r.earlyPenaltyShare() == null ? BigDecimal.ZERO : r.earlyPenaltyShare();
        if (r.termDays() == null && (earlyRedeem || share.signum() != 0)) {
            throw invalid("earlyRedeem and earlyPenaltyShare are for fixed-term products only");
        }
        if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0 || share.stripTrailingZeros().scale() > PENALTY_SHARE_SCALE) {
            throw invalid("earlyPenaltyShare must be between 0 and 1, with at most " + PENALTY_SHARE_SCALE + " decimals");
        }
        if (!earlyRedeem && share.signum() != 0) {
            throw invalid("earlyPenaltyShare applies only when earlyRedeem is true");
        }
        ProductDO p = new ProductDO();
        p.setCode(r.code());
        p.setName(r.name().strip());
        p.setType(type.name());
        p.setLockCoin(r.lockCoin());
        p.setRewardCoin(rewardCoin);
        p.setTermDays(r.termDays());
        p.setRewardRate(r.rewardRate());
        p.setMinAmount(min);
        p.setMaxPerUser(maxPerUser);
        p.setTotalQuota(quota);
        p.setSaleStart(utc(r.saleStart()));
        p.setSaleEnd(r.saleEnd() == null ? null : utc(r.saleEnd()));
        p.setEarlyRedeem(earlyRedeem);
        p.setEarlyPenaltyShare(share);
        return p;
    }

    private static BigDecimal amount(String field, BigDecimal value, int scale) {
        if (value.signum() <= 0 || value.stripTrailingZeros().scale() > scale) {
            throw invalid(field + " must be greater than 0 with at most " + scale + " decimals");
        }
        return value;
    }

    private static LocalDateTime utc(java.time.Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private static ServiceException invalid(String rule) {
        return new ServiceException(WealthErrorCodes.PRODUCT_INVALID, "product definition is not valid: " + rule);
    }
}
