package io.apay.wealth.server.dal.mapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** A redemption's writes to {@code wealth_position} and {@code wealth_product} (docs/wealth.md, "Redemption"). */
@Mapper
public interface RedemptionMapper {

    /** OPEN -> REDEEMING: the intent, with its kind and when it was asked. */
    @Update("UPDATE wealth_position SET status = 'REDEEMING', redeem_kind = #{kind}, redeem_requested_at = #{now}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'OPEN'")
    int start(@Param("id") long id, @Param("kind") String kind, @Param("now") LocalDateTime now);

    /** OPEN -> REDEEMING at maturity, only if it has matured and its product accrued through its last day. */
    @Update("UPDATE wealth_position SET status = 'REDEEMING', redeem_kind = 'MATURITY', redeem_requested_at = #{now}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'OPEN' AND end_day < #{today}"
            + " AND end_day <= (SELECT accrued_through FROM wealth_product WHERE id = wealth_position.product_id)")
    int startMaturity(@Param("id") long id, @Param("today") LocalDate today, @Param("now") LocalDateTime now);

    /** The amounts, fixed once, from the accrued reward read (unchanged since: no run was posted in between). */
    @Update("UPDATE wealth_position SET reward_paid = #{rewardPaid}, penalty = #{penalty}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'REDEEMING' AND reward_paid IS NULL AND accrued = #{accrued}")
    int fixAmounts(@Param("id") long id, @Param("accrued") BigDecimal accrued, @Param("rewardPaid") BigDecimal rewardPaid,
                   @Param("penalty") BigDecimal penalty, @Param("now") LocalDateTime now);

    @Update("UPDATE wealth_position SET attempted_at = #{now} WHERE id = #{id} AND status = 'REDEEMING'")
    int markAttempt(@Param("id") long id, @Param("now") LocalDateTime now);

    @Update("UPDATE wealth_position SET status = 'REDEEMED', redeem_txn_id = #{txnId}, redeemed_at = #{now}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'REDEEMING'")
    int redeemed(@Param("id") long id, @Param("txnId") long txnId, @Param("now") LocalDateTime now);

    /** The position's principal leaves the product's quota (the table's CHECK refuses going below 0). */
    @Update("UPDATE wealth_product SET locked = locked - #{amount}, updated_at = #{now} WHERE id = #{id}")
    int release(@Param("id") long productId, @Param("amount") BigDecimal amount, @Param("now") LocalDateTime now);

    /** REDEEMING positions not attempted since {@code before}, the least recently attempted first (the recovery). */
    @Select("SELECT id FROM wealth_position WHERE status = 'REDEEMING' AND redeem_requested_at < #{before}"
            + " AND (attempted_at IS NULL OR attempted_at < #{before}) ORDER BY attempted_at LIMIT #{limit}")
    List<Long> stale(@Param("before") LocalDateTime before, @Param("limit") int limit);
}
