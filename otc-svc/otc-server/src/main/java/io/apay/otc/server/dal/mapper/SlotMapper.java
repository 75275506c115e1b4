package io.apay.otc.server.dal.mapper;

import java.math.BigDecimal;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The unique payable amounts of open orders (table payable_amount_slot). */
@Mapper
public interface SlotMapper {

    /** Takes a payable amount for an order; a DuplicateKeyException means another open order has it. */
    @Insert("INSERT INTO payable_amount_slot (acceptor_id, channel, fiat_currency, payable_amount, order_id)"
            + " VALUES (#{acceptorId}, #{channel}, #{currency}, #{amount}, #{orderId})")
    int take(@Param("acceptorId") long acceptorId, @Param("channel") String channel, @Param("currency") String currency,
             @Param("amount") BigDecimal amount, @Param("orderId") long orderId);

    /** The amounts already taken in a range, to try the free ones first. */
    @Select("SELECT CONCAT(channel, ':', payable_amount) FROM payable_amount_slot WHERE acceptor_id = #{acceptorId}"
            + " AND fiat_currency = #{currency} AND payable_amount BETWEEN #{from} AND #{to}")
    List<String> taken(@Param("acceptorId") long acceptorId, @Param("currency") String currency,
                       @Param("from") BigDecimal from, @Param("to") BigDecimal to);

    @Select("SELECT order_id FROM payable_amount_slot WHERE acceptor_id = #{acceptorId} AND channel = #{channel}"
            + " AND fiat_currency = #{currency} AND payable_amount = #{amount}")
    Long orderHolding(@Param("acceptorId") long acceptorId, @Param("channel") String channel, @Param("currency") String currency,
                      @Param("amount") BigDecimal amount);

    /** Frees the order's payable amount for reuse. */
    @Delete("DELETE FROM payable_amount_slot WHERE order_id = #{orderId}")
    int release(@Param("orderId") long orderId);
}
