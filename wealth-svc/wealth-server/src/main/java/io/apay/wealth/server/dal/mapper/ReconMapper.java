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
    }

    class IntentRow {
        public long productId;
        public int intents;
        public LocalDateTime oldest;
    }

    @Select("SELECT id, code, lock_coin, reward_coin FROM wealth_product pr WHERE EXISTS (SELECT 1 FROM wealth_position p WHERE p.product_id = pr.id)"
            + " OR EXISTS (SELECT 1 FROM wealth_funding f WHERE f.product_id = pr.id) ORDER BY id")
    List<ProductRow> products();

    /** The positions whose coin is in the product: OPEN, and REDEEMING (its redeem transfer not applied here yet). */
    @Select("SELECT product_id, SUM(amount) AS principal, SUM(accrued) AS owed FROM wealth_position"
            + " WHERE status IN ('OPEN', 'REDEEMING') GROUP BY product_id")
    List<HeldRow> held();

    /** Every intent under way per product, with the oldest one's start. */
    @Select("SELECT product_id, SUM(n) AS intents, MIN(since) AS oldest FROM ("
            + " SELECT product_id, COUNT(*) AS n, MIN(created_at) AS since FROM wealth_position WHERE status = 'SUBSCRIBING' GROUP BY product_id"
            + " UNION ALL SELECT product_id, COUNT(*), MIN(redeem_requested_at) FROM wealth_position WHERE status = 'REDEEMING' GROUP BY product_id"
            + " UNION ALL SELECT product_id, COUNT(*), MIN(created_at) FROM wealth_accrual_run WHERE status = 'CALCULATED' GROUP BY product_id"
            + " UNION ALL SELECT product_id, COUNT(*), MIN(created_at) FROM wealth_funding WHERE status = 'PENDING' GROUP BY product_id"
            + ") i GROUP BY product_id")
    List<IntentRow> intents();
}
