package io.apay.job.recon;

import io.apay.common.core.error.ServiceException;
import io.apay.job.merchant.MerchantCallbacksClient;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.BizRefsRequest;
import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.otc.api.OtcReconApi;
import io.apay.otc.api.dto.recon.AcceptorSnapshot;
import io.apay.otc.api.dto.recon.AdSnapshot;
import io.apay.otc.api.dto.recon.OrderSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads one pass of the reconciliation, page by page. Order matters: otc first, then the ledger, then callbacks.
 * otc records a cross-service step only after the ledger did it, so "otc says done" read first is always already
 * true in the ledger read after it; what happened in between is either in flight (the checker's grace rules) or
 * gone in the next pass (the rechecks).
 */
@Component
public class ReconReader {

    /** The ledger and merchant-api-svc take at most this many references per call. */
    static final int REFS_PER_CALL = 500;

    private final OtcReconApi otc;
    private final LedgerApi ledger;
    private final MerchantCallbacksClient merchant;
    private final int pageSize;

    public ReconReader(OtcReconApi otc, LedgerApi ledger, MerchantCallbacksClient merchant, ReconProperties props) {
        this.otc = otc;
        this.ledger = ledger;
        this.merchant = merchant;
        this.pageSize = props.getPageSize();
    }

    /** A read that failed: which one, and the remote's error code (never exception text). */
    public static class ReadFailedException extends RuntimeException {
        public ReadFailedException(String what, RuntimeException cause) {
            super("reading " + what + " failed: " + (cause instanceof ServiceException s ? s.code() + " " + s.clientMessage()
                    : "internal error"), cause);
        }
    }

    public ReconInput read(Instant from, Instant to, Instant now) {
        List<OrderSnapshot> orders = pages("otc-svc orders", after -> otc.orders(from, to, after, pageSize).checkedData(), OrderSnapshot::id);
        List<AdSnapshot> ads = pages("otc-svc ads", after -> otc.ads(after, pageSize).checkedData(), AdSnapshot::adId);
        List<AcceptorSnapshot> acceptors = pages("otc-svc acceptors", after -> otc.acceptors(after, pageSize).checkedData(),
                AcceptorSnapshot::userId);
        List<HoldView> openHolds = new ArrayList<>(openHolds(ReconChecker.AD_REF));
        openHolds.addAll(openHolds(ReconChecker.ACCEPTOR_REF));
        Set<Long> openIds = openHolds.stream().map(HoldView::holdId).collect(Collectors.toSet());
        Map<Long, HoldView> others = new LinkedHashMap<>();
        for (long holdId : ReconChecker.holdsToLookUp(ads, acceptors, openIds)) {
            HoldView h = hold(holdId);
            if (h != null) {
                others.put(holdId, h);
            }
        }
        List<TransactionView> transactions = new ArrayList<>();
        List<String> refs = orders.stream().map(o -> ReconChecker.ORDER_REF + o.orderNo()).toList();
        for (List<String> chunk : chunks(refs)) {
            transactions.addAll(step("ledger transactions", () -> ledger.findTransactionsByBizRefs(new BizRefsRequest(chunk)).checkedData()));
        }
        Map<String, List<String>> callbacks = new HashMap<>();
        List<String> ended = orders.stream().filter(o -> o.status().isFinal()).map(OrderSnapshot::orderNo).toList();
        for (List<String> chunk : chunks(ended)) {
            callbacks.putAll(step("merchant-api-svc callbacks",
                    () -> merchant.recordedEvents(new MerchantCallbacksClient.RecordedEventsRequest(chunk)).checkedData()));
        }
        return new ReconInput(ads, acceptors, orders, openHolds, others, transactions, callbacks, now);
    }

    private List<HoldView> openHolds(String prefix) {
        return pages("ledger holds " + prefix, after -> ledger.listHolds(prefix, HoldStatus.OPEN, after, pageSize).checkedData(),
                HoldView::holdId);
    }

    private HoldView hold(long holdId) {
        try {
            return ledger.getHold(holdId).checkedData();
        } catch (ServiceException e) {
            if (e.code() == LedgerErrorCodes.HOLD_NOT_FOUND.code()) {
                return null;
            }
            throw new ReadFailedException("ledger hold " + holdId, e);
        } catch (RuntimeException e) {
            throw new ReadFailedException("ledger hold " + holdId, e);
        }
    }

    /** Every page of a keyset-paged list: a page shorter than the page size is the last. */
    private <T> List<T> pages(String what, LongFunction<List<T>> page, ToLongFunction<T> id) {
        List<T> all = new ArrayList<>();
        long after = 0;
        while (true) {
            long from = after;
            List<T> rows = step(what, () -> page.apply(from));
            all.addAll(rows);
            if (rows.size() < pageSize) {
                return all;
            }
            after = id.applyAsLong(rows.get(rows.size() - 1));
        }
    }

    private static <T> T step(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new ReadFailedException(what, e);
        }
    }

    private static List<List<String>> chunks(List<String> all) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += REFS_PER_CALL) {
            chunks.add(all.subList(i, Math.min(all.size(), i + REFS_PER_CALL)));
        }
        return chunks;
    }
}
