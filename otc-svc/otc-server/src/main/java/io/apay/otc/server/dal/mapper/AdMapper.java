package io.apay.otc.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.otc.server.dal.dataobject.AdDO;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface AdMapper extends BaseMapper<AdDO> {

    /**
     * The ads that may take an order for this amount, least recently assigned first (round robin), at most
     * {@code limit}: ACTIVE, in this currency and coin, the amount within their range, of an acceptor who may take
     * orders now (ACTIVE, not paused by an operator, monitor online: an operator's pause covers every ad, whatever its
     * status); with each its channels in the order they were listed, all in one statement. Only such ads count
     * towards the limit: an offline acceptor's ad stays ACTIVE and is never assigned, so it stays at the front of the
     * round robin, and enough of them would otherwise hide every online acceptor. The channels' subquery runs only for
     * the rows the limit keeps.
     */
    @Select("SELECT a.id, a.acceptor_id, a.rate,"
            + " (SELECT GROUP_CONCAT(ch.channel ORDER BY ch.id) FROM ad_channel ch WHERE ch.ad_id = a.id) AS channels"
            + " FROM acceptor_ad a JOIN acceptor c ON c.user_id = a.acceptor_id AND c.status = 'ACTIVE' AND c.online = 1"
            + " AND c.operator_paused_at IS NULL"
            + " WHERE a.status = 'ACTIVE' AND a.fiat_currency = #{currency} AND a.coin = #{coin}"
            + " AND a.min_fiat <= #{fiat} AND a.max_fiat >= #{fiat}"
            + " ORDER BY a.last_assigned_at LIMIT #{limit}")
    List<Candidate> candidates(@Param("currency") String fiatCurrency, @Param("coin") String coin, @Param("fiat") BigDecimal fiat,
                               @Param("limit") int limit);

    /** An ad an order may be placed on (see {@link #candidates}). */
    class Candidate {
        public long id;
        public long acceptorId;
        public BigDecimal rate;
        /** Its channels, comma separated, in the order they were listed; null if it has none. */
        public String channels;
    }

    /** Locks the ad's row for this transaction, or answers null at once if another transaction holds it. */
    @Select("SELECT id FROM acceptor_ad WHERE id = #{id} FOR UPDATE SKIP LOCKED")
    Long lockUnlessBusy(@Param("id") long id);

    /** Locks the ad's row for this transaction (waits), and answers its status. */
    @Select("SELECT status FROM acceptor_ad WHERE id = #{id} FOR UPDATE")
    String lockStatus(@Param("id") long id);

    /** Open orders (CREATED, PAID, APPEAL) of an ad, read under the caller's lock of the ad's row. */
    @Select("SELECT COUNT(*) FROM payment_order WHERE ad_id = #{id} AND status IN ('CREATED', 'PAID', 'APPEAL')")
    int openOrders(@Param("id") long id);

    /** Reserves coin of an accepting ad for an order; 0 rows if the ad cannot cover it (any more). */
    @Update("UPDATE acceptor_ad SET available_coin = available_coin - #{coin}, last_assigned_at = #{now}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'ACTIVE' AND available_coin >= #{coin}")
    int reserve(@Param("id") long id, @Param("coin") BigDecimal coin, @Param("now") LocalDateTime now);

    /** Gives an unpaid order's coin back to its ad. */
    @Update("UPDATE acceptor_ad SET available_coin = available_coin + #{coin}, updated_at = #{now} WHERE id = #{id}")
    int giveBack(@Param("id") long id, @Param("coin") BigDecimal coin, @Param("now") LocalDateTime now);

    @Update("UPDATE acceptor_ad SET status = #{to}, pause_reason = #{reason}, updated_at = #{now} WHERE id = #{id} AND status = #{from}")
    int transition(@Param("id") long id, @Param("from") String from, @Param("to") String to, @Param("reason") String reason,
                   @Param("now") LocalDateTime now);

    /** Marks an attempt of the ad's intent, only while it is in that intent (the recovery retries the oldest first). */
    @Update("UPDATE acceptor_ad SET intent_attempted_at = #{now} WHERE id = #{id} AND status = #{intent}")
    int markAttempt(@Param("id") long id, @Param("intent") String intent, @Param("now") LocalDateTime now);

    /** Completes an ad's opening: its hold was made. */
    @Update("UPDATE acceptor_ad SET status = 'ACTIVE', hold_id = #{holdId}, updated_at = #{now} WHERE id = #{id} AND status = 'OPENING'")
    int activate(@Param("id") long id, @Param("holdId") long holdId, @Param("now") LocalDateTime now);

    /** Completes an ad's closing: what remained of its hold went back to the acceptor. */
    @Update("UPDATE acceptor_ad SET status = 'CLOSED', available_coin = 0, updated_at = #{now} WHERE id = #{id} AND status = 'CLOSING'")
    int closed(@Param("id") long id, @Param("now") LocalDateTime now);

    /** pause_reason of an ad an operator paused: only the operator's resume puts it back. */
    String BY_OPERATOR = "BY_OPERATOR";

    /** An operator pauses every ACTIVE ad of an acceptor (open orders continue); answers how many. */
    @Update("UPDATE acceptor_ad SET status = 'PAUSED', pause_reason = '" + BY_OPERATOR + "', updated_at = #{now}"
            + " WHERE acceptor_id = #{acceptorId} AND status = 'ACTIVE'")
    int pauseAllByOperator(@Param("acceptorId") long acceptorId, @Param("now") LocalDateTime now);

    /** The operator's resume: only the ads the operator paused (not those the acceptor or the stale-ad check paused). */
    @Update("UPDATE acceptor_ad SET status = 'ACTIVE', pause_reason = NULL, updated_at = #{now}"
            + " WHERE acceptor_id = #{acceptorId} AND status = 'PAUSED' AND pause_reason = '" + BY_OPERATOR + "'")
    int resumeOperatorPaused(@Param("acceptorId") long acceptorId, @Param("now") LocalDateTime now);

    /**
     * The acceptor's own resume of a paused ad: never one the operator paused, nor any while the acceptor is paused by
     * an operator. One statement, reading the acceptor's row as it updates, so it cannot slip past a concurrent pause.
     */
    @Update("UPDATE acceptor_ad a JOIN acceptor c ON c.user_id = a.acceptor_id SET a.status = 'ACTIVE', a.pause_reason = NULL,"
            + " a.updated_at = #{now} WHERE a.id = #{id} AND a.status = 'PAUSED' AND c.operator_paused_at IS NULL"
            + " AND (a.pause_reason IS NULL OR a.pause_reason <> '" + BY_OPERATOR + "')")
    int resumeByAcceptor(@Param("id") long id, @Param("now") LocalDateTime now);

    /** Each acceptor's number of ACTIVE ads, for a page of acceptors. */
    @Select("<script>SELECT acceptor_id AS acceptorId, COUNT(*) AS n FROM acceptor_ad WHERE status = 'ACTIVE' AND acceptor_id IN"
            + " <foreach collection='ids' item='i' open='(' separator=',' close=')'>#{i}</foreach> GROUP BY acceptor_id</script>")
    List<AdCount> activeAds(@Param("ids") List<Long> acceptorIds);

    class AdCount {
        public long acceptorId;
        public int n;
    }
}
