package io.apay.otc.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.otc.server.dal.dataobject.OrderDO;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Orders. Status changes go through {@code OrderLifecycle} only (one conditional UPDATE per transition). */
@Mapper
public interface OrderMapper extends BaseMapper<OrderDO> {

    /**
     * Stores a new order and sets its id: the columns a new order has, in one fixed statement (BaseMapper's insert
     * builds its column list anew on every call, testing each of the 29 fields for null).
     */
    @Insert("INSERT INTO payment_order (order_no, cashier_token, merchant_no, merchant_order_no, ad_id, acceptor_id, channel,"
            + " fiat_currency, fiat_amount, payable_amount, coin, coin_amount, rate, status, notify_url, return_url, expires_at,"
            + " created_at, updated_at) VALUES (#{orderNo}, #{cashierToken}, #{merchantNo}, #{merchantOrderNo}, #{adId}, #{acceptorId},"
            + " #{channel}, #{fiatCurrency}, #{fiatAmount}, #{payableAmount}, #{coin}, #{coinAmount}, #{rate}, #{status}, #{notifyUrl},"
            + " #{returnUrl,jdbcType=VARCHAR}, #{expiresAt}, #{createdAt}, #{updatedAt})")
    @Options(useGeneratedKeys = true, keyProperty = "id")
    int insertNew(OrderDO order);

    /** Marks a settlement attempt, only while the order is PAID: no attempt starts once it has left PAID. */
    @Update("UPDATE payment_order SET settle_attempted_at = #{now} WHERE id = #{id} AND status = 'PAID'")
    int markSettleAttempt(@Param("id") long id, @Param("now") LocalDateTime now);

    /**
     * The open (CREATED) order holding exactly this payable amount, if any: the amount's slot and its order in one
     * read (a payment report needs both, and the slot alone says nothing of the order's state).
     */
    @Select("SELECT o.* FROM payable_amount_slot s JOIN payment_order o ON o.id = s.order_id WHERE s.acceptor_id = #{acceptorId}"
            + " AND s.channel = #{channel} AND s.fiat_currency = #{currency} AND s.payable_amount = #{amount} AND s.free_after IS NULL"
            + " AND o.status = 'CREATED'")
    OrderDO openHolding(@Param("acceptorId") long acceptorId, @Param("channel") String channel, @Param("currency") String currency,
                        @Param("amount") BigDecimal amount);

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
