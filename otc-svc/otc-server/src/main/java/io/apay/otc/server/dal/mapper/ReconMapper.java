package io.apay.otc.server.dal.mapper;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * What the cross-service reconciliation reads (keyset pages by id). Each page is one statement, so an ad's
 * available coin and the coin of its open orders come from the same snapshot: creating, expiring or cancelling an
 * order moves coin between the two in one transaction, and can never show up as a difference here.
 */
@Mapper
public interface ReconMapper {

    /** Open orders: their coin is still reserved from their ad (and still in the ad's ledger hold). */
    String OPEN = "('CREATED', 'PAID', 'APPEAL')";

    @Select("SELECT a.id, a.acceptor_id, a.coin, a.status, a.hold_id, a.total_coin, a.available_coin,"
            + " COALESCE(o.coin, 0) AS open_order_coin, COALESCE(o.n, 0) AS open_orders, a.updated_at"
            + " FROM acceptor_ad a LEFT JOIN (SELECT ad_id, SUM(coin_amount) AS coin, COUNT(*) AS n FROM payment_order"
            + " WHERE status IN " + OPEN + " AND ad_id > #{afterId} GROUP BY ad_id) o ON o.ad_id = a.id"
            + " WHERE a.id > #{afterId} ORDER BY a.id LIMIT #{limit}")
    List<AdRow> ads(@Param("afterId") long afterId, @Param("limit") int limit);

    @Select("SELECT user_id, status, margin_coin, margin_amount, margin_hold_id, updated_at FROM acceptor"
            + " WHERE user_id > #{afterId} ORDER BY user_id LIMIT #{limit}")
    List<AcceptorRow> acceptors(@Param("afterId") long afterId, @Param("limit") int limit);

    /** Orders that ended in [from, to), and every order still PAID or under APPEAL. */
    @Select("SELECT id, order_no, merchant_no, ad_id, status, coin, coin_amount, merchant_coin_amount, fee_coin_amount,"
            + " settle_txn_id, updated_at, closed_at FROM payment_order WHERE id > #{afterId}"
            + " AND ((status IN ('COMPLETED', 'EXPIRED', 'CANCELLED') AND closed_at >= #{from} AND closed_at < #{to})"
            + " OR status IN ('PAID', 'APPEAL')) ORDER BY id LIMIT #{limit}")
    List<OrderRow> orders(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to, @Param("afterId") long afterId,
                          @Param("limit") int limit);

    /** One row of {@link #ads}; DATETIME columns hold UTC. */
    class AdRow {
        public long id;
        public long acceptorId;
        public String coin;
        public String status;
        public Long holdId;
        public BigDecimal totalCoin;
        public BigDecimal availableCoin;
        public BigDecimal openOrderCoin;
        public int openOrders;
        public LocalDateTime updatedAt;
    }

    class AcceptorRow {
        public long userId;
        public String status;
        public String marginCoin;
        public BigDecimal marginAmount;
        public Long marginHoldId;
        public LocalDateTime updatedAt;
    }

    class OrderRow {
        public long id;
        public String orderNo;
        public String merchantNo;
        public long adId;
        public String status;
        public String coin;
        public BigDecimal coinAmount;
        public BigDecimal merchantCoinAmount;
        public BigDecimal feeCoinAmount;
        public Long settleTxnId;
        public LocalDateTime updatedAt;
        public LocalDateTime closedAt;
    }
}
