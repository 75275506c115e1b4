package io.apay.job.recon;

import io.apay.chainbridge.api.ChainReconApi;
import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.dto.recon.DepositKeysRequest;
import io.apay.chainbridge.api.dto.recon.WithdrawalIdsRequest;
import io.apay.common.core.error.ServiceException;
import io.apay.job.merchant.MerchantCallbacksClient;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.dto.BizRefsRequest;
import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.otc.api.OtcReconApi;
import io.apay.otc.api.dto.recon.AcceptorSnapshot;
import io.apay.otc.api.dto.recon.AdSnapshot;
import io.apay.otc.api.dto.recon.OrderSnapshot;
import io.apay.wallet.api.WalletReconApi;
import io.apay.wallet.api.dto.recon.DepositSnapshot;
import io.apay.wallet.api.dto.recon.WithdrawalSnapshot;
import io.apay.wealth.api.WealthReconApi;
import io.apay.wealth.api.dto.ProductBalances;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.stereotype.Component;

/**
 * Reads one pass of the reconciliation, page by page. Order matters: otc first, then the ledger, then callbacks.
 * otc records a cross-service step only after the ledger did it, so "otc says done" read first is always already
 * true in the ledger read after it; what happened in between is either in flight (the checker's grace rules) or
 * gone in the next pass (the rechecks). The same for the wallet's checks: wallet-svc first (it records a deposit
 * only after chain-bridge-svc confirmed it, and each step after the ledger or the chain made it), then the ledger,
 * then chain-bridge-svc.
 */
@Component
public class ReconReader {

    /** The ledger and merchant-api-svc take at most this many references per call. */
    static final int REFS_PER_CALL = 500;
    static final String WALLET_SVC = "wallet-svc";
    static final String CHAIN_BRIDGE_SVC = "chain-bridge-svc";
    static final String WEALTH_SVC = "wealth-svc";
    private static final int PROBE_TIMEOUT_MILLIS = 2000;

    private final OtcReconApi otc;
    private final LedgerApi ledger;
    private final MerchantCallbacksClient merchant;
    private final WalletReconApi wallet;
    private final ChainReconApi chain;
    private final WealthReconApi wealth;
    private final DiscoveryClient discovery;
    private final ReconProperties props;
    private final int pageSize;

    public ReconReader(OtcReconApi otc, LedgerApi ledger, MerchantCallbacksClient merchant, WalletReconApi wallet, ChainReconApi chain,
                       WealthReconApi wealth, DiscoveryClient discovery, ReconProperties props) {
        this.otc = otc;
        this.ledger = ledger;
        this.merchant = merchant;
        this.wallet = wallet;
        this.chain = chain;
        this.wealth = wealth;
        this.discovery = discovery;
        this.props = props;
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
        String walletNotChecked = walletNotChecked();
        WalletReconInput walletInput = walletNotChecked == null ? readWallet(from, to, now) : null;
        String wealthNotChecked = wealthNotChecked();
        WealthReconInput wealthInput = wealthNotChecked == null ? readWealth() : null;
        String notChecked = walletNotChecked == null ? wealthNotChecked
                : wealthNotChecked == null ? walletNotChecked : walletNotChecked + "; " + wealthNotChecked;
        return new ReconInput(ads, acceptors, orders, openHolds, others, transactions, callbacks, now, walletInput, wealthInput, notChecked);
    }

    /** Why the wealth check is left out of this pass, or null when it runs: as {@link #walletNotChecked()}, for wealth-svc. */
    String wealthNotChecked() {
        return switch (props.getWealthChecks()) {
            case ON -> null;
            case OFF -> "WEALTH and wealth-svc's STUCK_INTENT: wealth-checks is OFF";
            case AUTO -> discovery.getInstances(WEALTH_SVC).stream().anyMatch(ReconReader::accepts) ? null
                    : "WEALTH and wealth-svc's STUCK_INTENT: wealth-svc not reachable (no instance, or none accepts a connection;"
                    + " wealth-checks AUTO)";
        };
    }

    /**
     * wealth-svc, then the ledger, then wealth-svc again. What wealth-svc counts as done is already in the ledger when
     * it is read; an intent that started after the first read and reached the ledger before its read (a busy product's
     * next subscription, say) is in the second read, so the check allows for both.
     */
    WealthReconInput readWealth() {
        List<ProductBalances> products = step("wealth-svc products", () -> wealth.products().checkedData());
        Map<String, List<BalanceView>> balances = new HashMap<>();
        for (ProductBalances p : products) {
            balances.computeIfAbsent(p.ledgerOwnerId(), owner -> step("ledger balances of " + owner,
                    () -> ledger.balances(OwnerType.PRODUCT, owner, null).checkedData()));
        }
        List<ProductBalances> productsAfter = step("wealth-svc products after the ledger", () -> wealth.products().checkedData());
        return new WealthReconInput(products, balances, productsAfter);
    }

    /**
     * Why the wallet's checks are left out of this pass, or null when they run. With {@code wallet-checks: AUTO} a
     * mesh without wallet-svc or chain-bridge-svc still reconciles otc-svc, and the run says what it left out: a
     * service counts as absent when discovery has no instance of it or none accepts a connection (the local profile
     * lists every service whether it runs or not). One that is there but answers errors fails the run. {@code ON}
     * reads them regardless, so an absent one fails the run too.
     */
    String walletNotChecked() {
        return switch (props.getWalletChecks()) {
            case ON -> null;
            case OFF -> "DEPOSIT, WITHDRAWAL and the wallet's STUCK_INTENT: wallet-checks is OFF";
            case AUTO -> {
                List<String> absent = new ArrayList<>();
                for (String service : List.of(WALLET_SVC, CHAIN_BRIDGE_SVC)) {
                    if (discovery.getInstances(service).stream().noneMatch(ReconReader::accepts)) {
                        absent.add(service);
                    }
                }
                yield absent.isEmpty() ? null : "DEPOSIT, WITHDRAWAL and the wallet's STUCK_INTENT: " + String.join(" and ", absent)
                        + " not reachable (no instance, or none accepts a connection; wallet-checks AUTO)";
            }
        };
    }

    /** Whether something listens at the instance's address (a TCP connect, nothing sent). */
    private static boolean accepts(ServiceInstance instance) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(instance.getHost(), instance.getPort()), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The wallet's part of a pass. wallet-svc's window is wider than the chain's by the grace on both sides: a deposit
     * the chain confirmed in [from, to) was credited after that, so the wallet's read has it whenever it was credited.
     */
    WalletReconInput readWallet(Instant from, Instant to, Instant now) {
        Instant walletFrom = from.minus(props.getGrace());
        Instant walletTo = now.plus(props.getGrace());
        List<DepositSnapshot> deposits = pages("wallet-svc deposits", after -> wallet.deposits(walletFrom, walletTo, after, pageSize).checkedData(),
                DepositSnapshot::id);
        List<WithdrawalSnapshot> withdrawals = pages("wallet-svc withdrawals",
                after -> wallet.withdrawals(walletFrom, walletTo, after, pageSize).checkedData(), WithdrawalSnapshot::id);
        List<String> refs = new ArrayList<>(deposits.stream().map(d -> WalletChecks.DEPOSIT_REF + d.id()).toList());
        withdrawals.forEach(w -> refs.add(WalletChecks.WITHDRAWAL_REF + w.withdrawalNo()));
        List<TransactionView> transactions = new ArrayList<>();
        for (List<String> chunk : chunks(refs)) {
            transactions.addAll(step("ledger transactions of the wallet",
                    () -> ledger.findTransactionsByBizRefs(new BizRefsRequest(chunk)).checkedData()));
        }
        List<ChainDepositView> chainDeposits = new ArrayList<>();
        for (List<String> chunk : chunks(deposits.stream().map(DepositSnapshot::depositKey).toList())) {
            chainDeposits.addAll(step("chain-bridge-svc deposits", () -> chain.depositsByKeys(new DepositKeysRequest(chunk)).checkedData()));
        }
        chainDeposits.addAll(pages("chain-bridge-svc confirmed deposits", after -> chain.confirmedDeposits(from, to, after, pageSize).checkedData(),
                ChainDepositView::id));
        List<ChainWithdrawalView> chainWithdrawals = new ArrayList<>();
        for (List<String> chunk : chunks(withdrawals.stream().map(WithdrawalSnapshot::withdrawalNo).toList())) {
            chainWithdrawals.addAll(step("chain-bridge-svc withdrawals",
                    () -> chain.withdrawalsByIds(new WithdrawalIdsRequest(chunk)).checkedData()));
        }
        return new WalletReconInput(deposits, withdrawals, transactions, chainDeposits, chainWithdrawals);
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
