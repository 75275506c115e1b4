package io.apay.otc.server.dal.mapper;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The unique payable amounts (table payable_amount_slot): held by an open order ({@code free_after} NULL), or
 * quarantined after an order expired or was cancelled ({@code free_after} in the future), or free to reclaim.
 */
@Mapper
public interface SlotMapper {

    /** Takes a never-used payable amount for an order; a DuplicateKeyException means the row exists (see {@link #reclaim}). */
    @Insert("INSERT INTO payable_amount_slot (acceptor_id, channel, fiat_currency, payable_amount, order_id)"
            + " VALUES (#{acceptorId}, #{channel}, #{currency}, #{amount}, #{orderId})")
    int take(@Param("acceptorId") long acceptorId, @Param("channel") String channel, @Param("currency") String currency,
             @Param("amount") BigDecimal amount, @Param("orderId") long orderId);

    /** Takes over an amount whose quarantine is over; 0 rows if it is held or still quarantined. */
    @Update("UPDATE payable_amount_slot SET order_id = #{orderId}, free_after = NULL WHERE acceptor_id = #{acceptorId}"
            + " AND channel = #{channel} AND fiat_currency = #{currency} AND payable_amount = #{amount}"
            + " AND free_after IS NOT NULL AND free_after <= #{now}")
    int reclaim(@Param("acceptorId") long acceptorId, @Param("channel") String channel, @Param("currency") String currency,
                @Param("amount") BigDecimal amount, @Param("orderId") long orderId, @Param("now") LocalDateTime now);

    /**
     * The amounts held or quarantined in a range on these channels, to try the free ones first. Naming the channels
     * makes it a range read of the primary key; without them MariaDB would read every amount the acceptor ever used,
     * on every channel (the rows stay for reuse, so their number only grows).
     */
    @Select("<script>SELECT CONCAT(channel, ':', payable_amount) FROM payable_amount_slot WHERE acceptor_id = #{acceptorId}"
            + " AND channel IN <foreach collection='channels' item='c' open='(' separator=',' close=')'>#{c}</foreach>"
            + " AND fiat_currency = #{currency} AND payable_amount BETWEEN #{from} AND #{to}"
            + " AND (free_after IS NULL OR free_after > #{now})</script>")
    List<String> taken(@Param("acceptorId") long acceptorId, @Param("channels") List<String> channels, @Param("currency") String currency,
                       @Param("from") BigDecimal from, @Param("to") BigDecimal to, @Param("now") LocalDateTime now);

    /** An ended order's amount is quarantined: a late or second payment of it must not land on a new order. */
    @Update("UPDATE payable_amount_slot SET free_after = #{until} WHERE order_id = #{orderId} AND free_after IS NULL")
    int quarantine(@Param("orderId") long orderId, @Param("until") LocalDateTime until);
}
