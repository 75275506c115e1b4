package io.apay.wealth.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.wealth.server.dal.dataobject.AccrualRunDO;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The daily accrual (docs/wealth.md, "Accrual"): its runs ({@code wealth_accrual_run}, the base mapper), the rows of
 * one position and day ({@code wealth_accrual}), and the accrual's own updates of products and positions.
 */
@Mapper
public interface AccrualMapper extends BaseMapper<AccrualRunDO> {

    /** One position's principal, as the accrual reads it. */
    class Eligible {
        public long id;
        public BigDecimal amount;
    }

    /** One position's reward for the day, to be inserted. */
    record Row(long positionId, BigDecimal amount) {
    }

    @Select("SELECT * FROM wealth_product WHERE status <> 'DRAFT' ORDER BY id")
    List<ProductDO> accruingProducts();

    /** The product's row, locked: one calculation of a product at a time, against its current accrued_through. */
    @Select("SELECT * FROM wealth_product WHERE id = #{id} FOR UPDATE")
    ProductDO lockProduct(@Param("id") long id);

    /**
     * The positions that earn on {@code day}, locked: a redemption (OPEN -> REDEEMING) waits for this transaction, and
     * one that committed first is not selected, so a run never includes a position being redeemed.
     */
    @Select("SELECT id, amount FROM wealth_position WHERE product_id = #{productId} AND status = 'OPEN'"
            + " AND start_day <= #{day} AND (end_day IS NULL OR end_day >= #{day}) ORDER BY id FOR UPDATE")
    List<Eligible> lockEligible(@Param("productId") long productId, @Param("day") LocalDate day);

    /** The principal that earns on {@code day} (no lock: the pool check before a stalled product's next run). */
    @Select("SELECT COALESCE(SUM(amount), 0) FROM wealth_position WHERE product_id = #{productId} AND status = 'OPEN'"
            + " AND start_day <= #{day} AND (end_day IS NULL OR end_day >= #{day})")
    BigDecimal eligiblePrincipal(@Param("productId") long productId, @Param("day") LocalDate day);

    /** Where a product that never accrued starts: the first day of its earliest open position. */
    @Select("SELECT MIN(start_day) FROM wealth_position WHERE product_id = #{productId} AND status = 'OPEN'")
    LocalDate firstOpenStartDay(@Param("productId") long productId);

    /** Whether any open position of the product earns on a day up to {@code through}. */
    @Select("SELECT COUNT(*) > 0 FROM wealth_position WHERE product_id = #{productId} AND status = 'OPEN' AND start_day <= #{through}"
            + " AND (end_day IS NULL OR end_day > #{after})")
    boolean anyEarningBetween(@Param("productId") long productId, @Param("after") LocalDate after, @Param("through") LocalDate through);

    @Insert("<script>INSERT INTO wealth_accrual (position_id, day, run_id, amount) VALUES "
            + "<foreach collection='rows' item='r' separator=','>(#{r.positionId}, #{day}, #{runId}, #{r.amount})</foreach></script>")
    int insertRows(@Param("runId") long runId, @Param("day") LocalDate day, @Param("rows") List<Row> rows);

    @Select("SELECT id FROM wealth_accrual_run WHERE product_id = #{productId} AND status = 'CALCULATED' ORDER BY day")
    List<Long> calculatedRuns(@Param("productId") long productId);

    /** CALCULATED runs not touched since {@code before}, the least recently attempted first (the recovery). */
    @Select("SELECT id FROM wealth_accrual_run WHERE status = 'CALCULATED' AND updated_at < #{before} ORDER BY updated_at LIMIT #{limit}")
    List<Long> staleCalculatedRuns(@Param("before") LocalDateTime before, @Param("limit") int limit);

    @Update("UPDATE wealth_accrual_run SET updated_at = #{now} WHERE id = #{id} AND status = 'CALCULATED'")
    int markAttempt(@Param("id") long id, @Param("now") LocalDateTime now);

    @Update("UPDATE wealth_accrual_run SET status = 'POSTED', txn_id = #{txnId}, updated_at = #{now} WHERE id = #{id} AND status = 'CALCULATED'")
    int posted(@Param("id") long id, @Param("txnId") Long txnId, @Param("now") LocalDateTime now);

    @Update("UPDATE wealth_accrual_run SET status = 'VOIDED', failure_code = #{code}, updated_at = #{now} WHERE id = #{id} AND status = 'CALCULATED'")
    int voided(@Param("id") long id, @Param("code") int code, @Param("now") LocalDateTime now);

    @Delete("DELETE FROM wealth_accrual WHERE run_id = #{runId}")
    int deleteRows(@Param("runId") long runId);

    /** A posted run's rewards, added to its positions in one statement. */
    @Update("UPDATE wealth_position p JOIN wealth_accrual a ON a.position_id = p.id"
            + " SET p.accrued = p.accrued + a.amount, p.accrued_through = a.day, p.updated_at = #{now} WHERE a.run_id = #{runId}")
    int creditPositions(@Param("runId") long runId, @Param("now") LocalDateTime now);

    /** The product has accrued {@code day}: the next one is due, and a stall (if any) is over. */
    @Update("UPDATE wealth_product SET accrued_through = #{day}, accrual_stalled_code = NULL, accrual_stalled_at = NULL, updated_at = #{now}"
            + " WHERE id = #{id} AND (accrued_through IS NULL OR accrued_through < #{day})")
    int productAccrued(@Param("id") long id, @Param("day") LocalDate day, @Param("now") LocalDateTime now);

    /** The pool could not pay the next day: the product's accrual stops there (the first time it stopped is kept). */
    @Update("UPDATE wealth_product SET accrual_stalled_code = #{code}, accrual_stalled_at = COALESCE(accrual_stalled_at, #{now}),"
            + " updated_at = #{now} WHERE id = #{id}")
    int stall(@Param("id") long id, @Param("code") int code, @Param("now") LocalDateTime now);

    @Select("SELECT COUNT(*) FROM wealth_product WHERE accrual_stalled_code IS NOT NULL")
    int countStalled();

    /** Whether a run still CALCULATED holds a reward of this position (a day after the last one applied to it). */
    @Select("SELECT COUNT(*) > 0 FROM wealth_accrual a JOIN wealth_accrual_run r ON r.id = a.run_id"
            + " WHERE a.position_id = #{positionId} AND a.day > #{after} AND r.status = 'CALCULATED'")
    boolean pendingFor(@Param("positionId") long positionId, @Param("after") LocalDate after);

    /**
     * Fixed-term positions that matured ({@code endDay < today}) and whose product accrued through their last day (the
     * product's, not the position's own day: a position that became OPEN late missed some days but still matures).
     */
    @Select("SELECT p.id FROM wealth_position p JOIN wealth_product pr ON pr.id = p.product_id WHERE p.status = 'OPEN'"
            + " AND p.end_day IS NOT NULL AND p.end_day < #{today} AND pr.accrued_through >= p.end_day AND p.id > #{afterId}"
            + " ORDER BY p.id LIMIT #{limit}")
    List<Long> matured(@Param("today") LocalDate today, @Param("afterId") long afterId, @Param("limit") int limit);
}
