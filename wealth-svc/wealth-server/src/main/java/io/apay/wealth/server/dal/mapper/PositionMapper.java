package io.apay.wealth.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.wealth.server.dal.dataobject.PositionDO;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import lombok.Data;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface PositionMapper extends BaseMapper<PositionDO> {

    /** What one user has in one product: positions not ended (SUBSCRIBING, OPEN, REDEEMING). */
    @Select("SELECT COALESCE(SUM(amount), 0) FROM wealth_position WHERE user_id = #{userId} AND product_id = #{productId}"
            + " AND status IN ('SUBSCRIBING', 'OPEN', 'REDEEMING')")
    BigDecimal userLocked(@Param("userId") long userId, @Param("productId") long productId);

    /** What one user has in each product: positions not ended. */
    @Select("SELECT product_id, SUM(amount) AS amount FROM wealth_position WHERE user_id = #{userId}"
            + " AND status IN ('SUBSCRIBING', 'OPEN', 'REDEEMING') GROUP BY product_id")
    List<ProductAmount> userLockedByProduct(@Param("userId") long userId);

    @Update("UPDATE wealth_position SET attempted_at = #{now} WHERE id = #{id} AND status = 'SUBSCRIBING'")
    int markSubscribeAttempt(@Param("id") long id, @Param("now") LocalDateTime now);

    @Update("UPDATE wealth_position SET status = 'OPEN', subscribe_txn_id = #{txnId}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'SUBSCRIBING'")
    int subscribed(@Param("id") long id, @Param("txnId") long txnId, @Param("now") LocalDateTime now);

    @Update("UPDATE wealth_position SET status = 'FAILED', failure_code = #{code}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'SUBSCRIBING'")
    int subscribeFailed(@Param("id") long id, @Param("code") int code, @Param("now") LocalDateTime now);

    /** SUBSCRIBING positions last tried (or created, if never tried) before {@code before}, least recently tried first. */
    @Select("SELECT id FROM wealth_position WHERE status = 'SUBSCRIBING' AND COALESCE(attempted_at, created_at) < #{before}"
            + " ORDER BY COALESCE(attempted_at, created_at) LIMIT #{limit}")
    List<Long> subscribingBefore(@Param("before") LocalDateTime before, @Param("limit") int limit);

    /** One product's total among a user's positions. */
    @Data
    class ProductAmount {
        private Long productId;
        private BigDecimal amount;
    }
}
