package io.apay.job.recon;

import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.PostingView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.api.enums.TxnType;
import io.apay.otc.api.dto.recon.AcceptorSnapshot;
import io.apay.otc.api.dto.recon.AdSnapshot;
import io.apay.otc.api.dto.recon.OrderSnapshot;
import io.apay.otc.api.enums.AcceptorStatus;
import io.apay.otc.api.enums.AdStatus;
import io.apay.otc.api.enums.OrderStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small consistent world for the checker's tests: what otc, the ledger and merchant-api-svc would answer. Each
 * test breaks one thing. Acceptor 7 (ACTIVE, margin hold 1 of 1000 USDT) runs ad 42 (ACTIVE, hold 2 of 500 USDT:
 * 300 available, 150 in open orders, 50 settled by the COMPLETED order C1); ad 43 is CLOSED (its hold 3 released, so not listed);
 * acceptor 8 LEFT (margin hold 4 released); order E1 EXPIRED; order P1 is PAID a minute ago and not settled yet.
 */
final class ReconWorld {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration CALLBACK_GRACE = Duration.ofMinutes(2);
    static final Instant RECENT = NOW.minusSeconds(60);
    static final Instant OLD = NOW.minus(Duration.ofHours(1));

    final List<AdSnapshot> ads = new ArrayList<>();
    final List<AcceptorSnapshot> acceptors = new ArrayList<>();
    final List<OrderSnapshot> orders = new ArrayList<>();
    final List<HoldView> openHolds = new ArrayList<>();
    final Map<Long, HoldView> otherHolds = new LinkedHashMap<>();
    final List<TransactionView> transactions = new ArrayList<>();
    final Map<String, List<String>> callbacks = new HashMap<>();

    ReconWorld() {
        acceptors.add(acceptor(7, AcceptorStatus.ACTIVE, 1L, OLD));
        openHolds.add(hold(1, "acceptor:7", HoldPurpose.MARGIN, HoldStatus.OPEN, "1000", "1000", OLD));
        ads.add(ad(42, AdStatus.ACTIVE, 2L, "300", "150", 2, OLD));
        openHolds.add(hold(2, "ad:42", HoldPurpose.FREEZE, HoldStatus.OPEN, "500", "450", OLD));
        ads.add(ad(43, AdStatus.CLOSED, 3L, "0", "0", 0, OLD));
        acceptors.add(new AcceptorSnapshot(8, AcceptorStatus.LEFT, "USDT", bd("1000"), 4L, OLD));

        orders.add(order(1, "C1", OrderStatus.COMPLETED, "50", "49.5", "0.5", 100L, OLD));
        transactions.add(settlement(100, "C1", 2, "50", "49.5", "0.5"));
        callbacks.put("C1", List.of("ORDER_COMPLETED"));
        orders.add(order(2, "E1", OrderStatus.EXPIRED, "20", null, null, null, OLD));
        callbacks.put("E1", List.of("ORDER_EXPIRED"));
        orders.add(order(3, "P1", OrderStatus.PAID, "100", null, null, null, RECENT));
    }

    ReconInput input() {
        return new ReconInput(ads, acceptors, orders, openHolds, otherHolds, transactions, callbacks, NOW);
    }

    List<Discrepancy> check() {
        return new ReconChecker(GRACE, CALLBACK_GRACE).check(input());
    }

    static BigDecimal bd(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    static AdSnapshot ad(long id, AdStatus status, Long holdId, String available, String openCoin, int openOrders, Instant updatedAt) {
        return new AdSnapshot(id, 7, "USDT", status, holdId, bd("500"), bd(available), bd(openCoin), openOrders, updatedAt);
    }

    static AcceptorSnapshot acceptor(long userId, AcceptorStatus status, Long holdId, Instant updatedAt) {
        return new AcceptorSnapshot(userId, status, "USDT", bd("1000.000000000000000000"), holdId, updatedAt);
    }

    static HoldView hold(long id, String bizRef, HoldPurpose purpose, HoldStatus status, String amount, String remaining, Instant createdAt) {
        String owner = bizRef.startsWith("acceptor:") ? bizRef.substring("acceptor:".length()) : "7";
        return new HoldView(id, OwnerType.ACCEPTOR, owner, "USDT", purpose, status, bd(amount), bd(remaining),
                bd(amount).subtract(bd(remaining)), BigDecimal.ZERO, 1, bizRef, createdAt, createdAt);
    }

    static OrderSnapshot order(long id, String no, OrderStatus status, String coin, String merchant, String fee, Long settleTxnId,
                               Instant at) {
        return new OrderSnapshot(id, no, "M1", 42, status, "USDT", bd(coin), bd(merchant), bd(fee), settleTxnId, at,
                status.isFinal() ? at : null);
    }

    /** The ledger's settlement of an order out of a hold: the coin leaves FROZEN, the merchant gets its share, the fee the rest. */
    static TransactionView settlement(long txnId, String orderNo, long holdId, String coin, String merchant, String fee) {
        List<PostingView> postings = List.of(
                new PostingView(10, OwnerType.ACCEPTOR, "7", "USDT", AccountKind.FROZEN, bd(coin).negate(), BigDecimal.ZERO),
                new PostingView(11, OwnerType.MERCHANT, "M1", "USDT", AccountKind.AVAILABLE, bd(merchant), BigDecimal.ZERO),
                new PostingView(12, OwnerType.PLATFORM, "0", "USDT", AccountKind.FEE_INCOME, bd(fee), BigDecimal.ZERO));
        return new TransactionView(txnId, "order:" + orderNo + ":settle", TxnType.SETTLE, "order:" + orderNo, null, holdId, null, null,
                OLD, postings);
    }

    void replaceAd(long id, AdSnapshot with) {
        ads.replaceAll(a -> a.adId() == id ? with : a);
    }

    void replaceAcceptor(long userId, AcceptorSnapshot with) {
        acceptors.replaceAll(a -> a.userId() == userId ? with : a);
    }

    void replaceOrder(String no, OrderSnapshot with) {
        orders.replaceAll(o -> o.orderNo().equals(no) ? with : o);
    }

    void replaceOpenHold(long id, HoldView with) {
        openHolds.replaceAll(h -> h.holdId() == id ? with : h);
    }

    void removeOpenHold(long id) {
        openHolds.removeIf(h -> h.holdId() == id);
    }
}
