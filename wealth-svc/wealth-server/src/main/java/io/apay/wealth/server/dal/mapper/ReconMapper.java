package io.apay.wealth.server.dal.mapper;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;

/** What the cross-service reconciliation reads of wealth-svc: per product, plain grouped reads. */
@Mapper
public interface ReconMapper {

    class ProductRow {
        public long id;
        public String code;
        public String lockCoin;
        public String rewardCoin;
    }

    class HeldRow {
        public long productId;
        public BigDecimal principal;
        public BigDecimal owed;
        public BigDecimal subscribing;
        public BigDecimal redeemingPrincipal;
        public BigDecimal redeemingRewards;
    }

    class CalculatedRow {
        public long productId;
        public BigDecimal paid;
    }

    class IntentRow {
        public long productId;
        public int intents;
        public LocalDateTime oldest;
    }

    @Select("SELECT id, code, lock_coin, reward_coin FROM wealth_product pr WHERE EXISTS (SELECT 1 FROM wealth_position p WHERE p.product_id = pr.id)"
            + " OR EXISTS (SELECT 1 FROM wealth_funding f WHERE f.product_id = pr.id) ORDER BY id")
    List<ProductRow> products();

    /**
     * Per product: principal and owed of the positions whose coin is in the product (OPEN, and REDEEMING: its redeem
     * transfer not applied here yet); what the SUBSCRIBING ones would add to STAKED; what the REDEEMING ones take out
     * of STAKED and of REWARD_PAYABLE (rewardPaid + penalty once fixed, else what they accrued).
     */
    @Select("SELECT product_id,"
            + " SUM(CASE WHEN status IN ('OPEN', 'REDEEMING') THEN amount ELSE 0 END) AS principal,"
            + " SUM(CASE WHEN status IN ('OPEN', 'REDEEMING') THEN accrued ELSE 0 END) AS owed,"
            + " SUM(CASE WHEN status = 'SUBSCRIBING' THEN amount ELSE 0 END) AS subscribing,"
            + " SUM(CASE WHEN status = 'REDEEMING' THEN amount ELSE 0 END) AS redeeming_principal,"
            + " SUM(CASE WHEN status = 'REDEEMING' THEN COALESCE(reward_paid + penalty, accrued) ELSE 0 END) AS redeeming_rewards"
            + " FROM wealth_position WHERE status IN ('SUBSCRIBING', 'OPEN', 'REDEEMING') GROUP BY product_id")
    List<HeldRow> held();

    /** Per product, Σ paid of the accrual runs CALCULATED: what REWARD_PAYABLE may hold already or not. */
    @Select("SELECT product_id, SUM(paid) AS paid FROM wealth_accrual_run WHERE status = 'CALCULATED' GROUP BY product_id")
    List<CalculatedRow> calculated();

    /** Every intent under way per product, with the oldest one's start. */
    @Select("SELECT product_id, SUM(n) AS intents, MIN(since) AS oldest FROM ("
            + " SELECT product_id, COUNT(*) AS n, MIN(created_at) AS since FROM wealth_position WHERE status = 'SUBSCRIBING' GROUP BY product_id"
            + " UNION ALL SELECT product_id, COUNT(*), MIN(redeem_requested_at) FROM wealth_position WHERE status = 'REDEEMING' GROUP BY product_id"
            + " UNION ALL SELECT product_id, COUNT(*), MIN(created_at) FROM wealth_accrual_run WHERE status = 'CALCULATED' GROUP BY product_id"
            + " UNION ALL SELECT product_id, COUNT(*), MIN(created_at) FROM wealth_funding WHERE status = 'PENDING' GROUP BY product_id"
            + ") i GROUP BY product_id")
    List<IntentRow> intents();
}
