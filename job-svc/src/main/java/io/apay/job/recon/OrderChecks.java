package io.apay.job.recon;

import static io.apay.job.recon.ReconChecker.CALLBACK;
import static io.apay.job.recon.ReconChecker.ORDER_REF;
import static io.apay.job.recon.ReconChecker.SETTLEMENT;
import static io.apay.job.recon.ReconChecker.plain;

import io.apay.ledger.api.dto.PostingView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.otc.api.dto.recon.AdSnapshot;
import io.apay.otc.api.dto.recon.OrderSnapshot;
import io.apay.otc.api.enums.OrderStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** SETTLEMENT and CALLBACK (and the STUCK_INTENT of paid orders): otc's orders against the ledger and merchant-api-svc. */
final class OrderChecks {

    /** The callback events of an ended order; exactly one of them, its own, must be recorded. */
    static final Set<String> TERMINAL_EVENTS = Set.of("ORDER_COMPLETED", "ORDER_EXPIRED", "ORDER_CANCELLED");

    private final ReconChecker.Pass pass;

    OrderChecks(ReconChecker.Pass pass) {
        this.pass = pass;
    }

    void run() {
        for (OrderSnapshot o : pass.in.orders()) {
            settlement(o);
            if (o.status().isFinal()) {
                callback(o);
            }
        }
    }

    private void settlement(OrderSnapshot o) {
        String subject = ORDER_REF + o.orderNo();
        List<TransactionView> settles = pass.settlementsOf(o.orderNo());
        switch (o.status()) {
            case COMPLETED -> completed(o, subject, settles);
            case EXPIRED, CANCELLED -> {
                if (!settles.isEmpty()) {
                    // the worst case: the merchant was credited for an order it was told had not been paid
                    pass.add(SETTLEMENT, subject, o.status() + " order was settled in the ledger (txn " + txnIds(settles) + ", "
                            + plain(merchantShare(settles.get(0))) + " " + o.coin() + " to merchant " + o.merchantNo() + ")");
                }
            }
            case PAID, APPEAL -> {
                if (settles.size() > 1) {
                    pass.add(SETTLEMENT, subject, o.status() + " order has " + settles.size() + " settlements (txn " + txnIds(settles) + ")");
                }
                boolean old = pass.older(o.updatedAt(), pass.grace);
                if (o.status() == OrderStatus.PAID && old) {
                    pass.stuck(subject, "PAID", o.updatedAt(), settles.isEmpty() ? "the settlement was never made"
                            : "settled in txn " + txnIds(settles) + " but the order was never completed");
                } else if (o.status() == OrderStatus.APPEAL && old && !settles.isEmpty()) {
                    // an appeal waits for risk as long as it must; one whose coin already left the hold can only be released
                    pass.stuck(subject, "APPEAL", o.updatedAt(), "settled in txn " + txnIds(settles)
                            + " but the order is under appeal: only a RELEASE decision can complete it");
                }
            }
            case CREATED -> {
                // not read: nothing has moved in the ledger yet
            }
        }
    }

    /** Exactly one settlement, the one the order names, of the order's amounts, out of its ad's hold. */
    private void completed(OrderSnapshot o, String subject, List<TransactionView> settles) {
        if (settles.size() != 1) {
            pass.add(SETTLEMENT, subject, settles.isEmpty() ? "COMPLETED order has no settlement in the ledger"
                    : "COMPLETED order has " + settles.size() + " settlements (txn " + txnIds(settles) + ")");
            return;
        }
        TransactionView t = settles.get(0);
        List<String> problems = new ArrayList<>();
        if (o.settleTxnId() == null || o.settleTxnId() != t.txnId()) {
            problems.add("order's settleTxnId " + o.settleTxnId() + " != the ledger's settlement txn " + t.txnId());
        }
        BigDecimal toMerchant = merchantShare(t);
        if (o.merchantCoinAmount() == null || toMerchant.compareTo(o.merchantCoinAmount()) != 0) {
            problems.add("merchant got " + plain(toMerchant) + " in txn " + t.txnId() + ", the order says " + plain(o.merchantCoinAmount()));
        }
        for (PostingView p : t.postings()) {
            if (p.ownerType() == OwnerType.MERCHANT && !Objects.equals(p.ownerId(), o.merchantNo())) {
                problems.add("txn " + t.txnId() + " paid merchant " + p.ownerId() + ", the order's merchant is " + o.merchantNo());
            }
        }
        BigDecimal outOfHold = ReconChecker.frozenMoved(t).negate();
        if (outOfHold.compareTo(o.coinAmount()) != 0) {
            problems.add("txn " + t.txnId() + " moved " + plain(outOfHold) + " out of the hold, the order's coinAmount is " + plain(o.coinAmount()));
        }
        if (o.merchantCoinAmount() != null && o.feeCoinAmount() != null
                && o.merchantCoinAmount().add(o.feeCoinAmount()).compareTo(o.coinAmount()) != 0) {
            problems.add("merchant " + plain(o.merchantCoinAmount()) + " + fee " + plain(o.feeCoinAmount()) + " != coinAmount " + plain(o.coinAmount()));
        }
        AdSnapshot ad = pass.ads.get(o.adId());
        if (ad != null && ad.holdId() != null && !Objects.equals(ad.holdId(), t.holdId())) {
            problems.add("txn " + t.txnId() + " settled hold " + t.holdId() + ", ad " + ad.adId() + "'s hold is " + ad.holdId());
        }
        pass.addAll(SETTLEMENT, subject, problems);
    }

    /** An ended order's callback: recorded by merchant-api-svc once the event came through the outbox and RabbitMQ. */
    private void callback(OrderSnapshot o) {
        if (!pass.older(o.closedAt(), pass.callbackGrace)) {
            return; // the event may still be on its way
        }
        String expected = "ORDER_" + o.status();
        List<String> recorded = pass.in.callbackEvents().getOrDefault(o.orderNo(), List.of());
        List<String> problems = new ArrayList<>();
        if (!recorded.contains(expected)) {
            problems.add(o.status() + " order (closed " + o.closedAt() + ") has no " + expected + " callback recorded");
        }
        for (String other : recorded) {
            if (TERMINAL_EVENTS.contains(other) && !other.equals(expected)) {
                problems.add(o.status() + " order has a " + other + " callback recorded");
            }
        }
        pass.addAll(CALLBACK, ORDER_REF + o.orderNo(), problems);
    }

    private static BigDecimal merchantShare(TransactionView t) {
        return ReconChecker.sum(t.postings().stream()
                .filter(p -> p.ownerType() == OwnerType.MERCHANT && p.kind() == AccountKind.AVAILABLE).toList());
    }

    private static String txnIds(List<TransactionView> txns) {
        return String.join(", ", txns.stream().map(t -> Long.toString(t.txnId())).toList());
    }
}
