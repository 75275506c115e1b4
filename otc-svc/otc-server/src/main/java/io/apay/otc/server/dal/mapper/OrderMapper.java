package io.apay.otc.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.otc.server.dal.dataobject.OrderDO;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Orders. Status changes go through {@code OrderLifecycle} only (one conditional UPDATE per transition). */
@Mapper
public interface OrderMapper extends BaseMapper<OrderDO> {

    /** Marks a settlement attempt, only while the order is PAID: no attempt starts once it has left PAID. */
    @Update("UPDATE payment_order SET settle_attempted_at = #{now} WHERE id = #{id} AND status = 'PAID'")
    int markSettleAttempt(@Param("id") long id, @Param("now") LocalDateTime now);

    /**
     * The order a payment of this amount most probably belongs to: the newest one of this acceptor, channel and
     * currency with this payable amount that already existed when the buyer paid (allowing the clock skew).
     */
    @Select("SELECT * FROM payment_order WHERE acceptor_id = #{acceptorId} AND payable_amount = #{amount}"
            + " AND channel = #{channel} AND fiat_currency = #{currency} AND created_at <= #{paidAtPlusSkew}"
            + " ORDER BY created_at DESC, id DESC LIMIT 1")
    OrderDO probableFor(@Param("acceptorId") long acceptorId, @Param("channel") String channel, @Param("currency") String currency,
                        @Param("amount") BigDecimal amount, @Param("paidAtPlusSkew") LocalDateTime paidAtPlusSkew);
}
