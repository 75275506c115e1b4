package io.apay.wealth.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface ProductMapper extends BaseMapper<ProductDO> {

    /** The product's row, locked until the transaction ends: subscriptions to one product are admitted one at a time. */
    @Select("SELECT * FROM wealth_product WHERE id = #{id} FOR UPDATE")
    ProductDO lockById(@Param("id") long id);

    /** Counts a subscription against the quota; 0 rows if it would go past it. */
    @Update("UPDATE wealth_product SET locked = locked + #{amount}, updated_at = #{now}"
            + " WHERE id = #{id} AND locked + #{amount} <= total_quota")
    int addLocked(@Param("id") long id, @Param("amount") BigDecimal amount, @Param("now") LocalDateTime now);

    /** Gives a failed subscription's amount back to the quota. */
    @Update("UPDATE wealth_product SET locked = locked - #{amount}, updated_at = #{now} WHERE id = #{id} AND locked >= #{amount}")
    int releaseLocked(@Param("id") long id, @Param("amount") BigDecimal amount, @Param("now") LocalDateTime now);

    @Update("UPDATE wealth_product SET status = #{to}, updated_at = #{now} WHERE id = #{id} AND status = #{from}")
    int transition(@Param("id") long id, @Param("from") String from, @Param("to") String to, @Param("now") LocalDateTime now);

    /** Replaces a DRAFT product's definition (every field, absent ones included); 0 rows once it is not a draft. */
    @Update("UPDATE wealth_product SET code = #{p.code}, name = #{p.name}, type = #{p.type}, lock_coin = #{p.lockCoin},"
            + " reward_coin = #{p.rewardCoin}, term_days = #{p.termDays,jdbcType=INTEGER}, reward_rate = #{p.rewardRate},"
            + " min_amount = #{p.minAmount}, max_per_user = #{p.maxPerUser}, total_quota = #{p.totalQuota},"
            + " sale_start = #{p.saleStart}, sale_end = #{p.saleEnd,jdbcType=TIMESTAMP}, early_redeem = #{p.earlyRedeem},"
            + " early_penalty_share = #{p.earlyPenaltyShare}, updated_at = #{p.updatedAt}"
            + " WHERE id = #{p.id} AND status = 'DRAFT'")
    int editDraft(@Param("p") ProductDO p);
}
