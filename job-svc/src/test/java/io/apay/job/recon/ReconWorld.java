package io.apay.job.recon;

import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.enums.ChainDepositStatus;
import io.apay.chainbridge.api.enums.ChainWithdrawalStatus;
import io.apay.ledger.api.dto.BalanceView;
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
import io.apay.wallet.api.dto.recon.DepositSnapshot;
import io.apay.wallet.api.dto.recon.WithdrawalSnapshot;
import io.apay.wealth.api.dto.ProductBalances;
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
 *
 * <p>The wallet (user 1001, LOCAL USDT, a withdrawal fee of 1): deposit 1 (0xd1, 25) CREDITED by txn 200; deposit 2
 * (0xd2, 7) CREDITING since a minute; chain deposit 0xd3 confirmed a minute ago, not in the wallet yet. Withdrawals of
 * 100: W1 COMPLETED (hold 300, txns 301 hold and 302 settle, CONFIRMED on chain), W2 FAILED on chain (hold 310
 * released), W3 REJECTED (hold 320 released, never sent), W4 FAILED because its hold was refused (key voided, txn 331),
 * W5 BROADCAST a minute ago (hold 340, BROADCAST on chain), W6 in REVIEW for an hour (hold 350).
 *
 * <p>wealth-svc: product 3 (USDT-FLEX) holds 1000 USDT of principal and owes 2.5 USDT of rewards, as its ledger
 * accounts say (its pool has 97.5 left); product 4 (ETH-MINE, lock ETH, reward APAY) has 5 ETH of principal, nothing
 * accrued yet, and a subscription under way since a minute whose 0.2 ETH the ledger already moved (STAKED 5.2).
 */
final class ReconWorld {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration CALLBACK_GRACE = Duration.ofMinutes(2);
    static final Instant RECENT = NOW.minusSeconds(60);
    static final Instant OLD = NOW.minus(Duration.ofHours(1));
    static final Duration CHAIN_GRACE = Duration.ofHours(1);
    static final Instant ANCIENT = NOW.minus(Duration.ofHours(3));
    static final String USER = "USER:1001";
    static final String TO = "0xT0000000000000000000000000000000000000A1";

    final List<AdSnapshot> ads = new ArrayList<>();
    final List<AcceptorSnapshot> acceptors = new ArrayList<>();
    final List<OrderSnapshot> orders = new ArrayList<>();
    final List<HoldView> openHolds = new ArrayList<>();
    final Map<Long, HoldView> otherHolds = new LinkedHashMap<>();
    final List<TransactionView> transactions = new ArrayList<>();
    final Map<String, List<String>> callbacks = new HashMap<>();
    final List<DepositSnapshot> deposits = new ArrayList<>();
    final List<WithdrawalSnapshot> withdrawals = new ArrayList<>();
    final List<ChainDepositView> chainDeposits = new ArrayList<>();
    final List<ChainWithdrawalView> chainWithdrawals = new ArrayList<>();
    final List<ProductBalances> products = new ArrayList<>();
    final Map<String, List<BalanceView>> productBalances = new HashMap<>();
    /** wealth-svc's second read, after the ledger's; null: the same as the first ({@link #products}). */
    List<ProductBalances> productsAfter;
    /** False: wallet-svc and chain-bridge-svc were not read (their checks left out). */
    boolean walletRead = true;
    /** False: wealth-svc was not read (its check left out). */
    boolean wealthRead = true;

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

        deposits.add(deposit(1, "0xd1", "25", DepositSnapshot.CREDITED, 200L, OLD));
        chainDeposits.add(chainDeposit(11, "0xd1", USER, "25", ChainDepositStatus.CONFIRMED, OLD));
        transactions.add(credit(200, 1, "0xd1", USER, "25"));
        deposits.add(deposit(2, "0xd2", "7", DepositSnapshot.CREDITING, null, RECENT));
        chainDeposits.add(chainDeposit(12, "0xd2", USER, "7", ChainDepositStatus.CONFIRMED, RECENT));
        chainDeposits.add(chainDeposit(13, "0xd3", USER, "3", ChainDepositStatus.CONFIRMED, RECENT));

        withdrawals.add(withdrawal(1, "COMPLETED", null, 300L, OLD));
        transactions.add(withdrawalHold(301, "W1", 300, "101"));
        transactions.add(withdrawalSettle(302, "W1", 300, "100", "1"));
        chainWithdrawals.add(chainWithdrawal("W1", ChainWithdrawalStatus.CONFIRMED, OLD));
        withdrawals.add(withdrawal(2, "FAILED", null, 310L, OLD));
        transactions.add(withdrawalHold(311, "W2", 310, "101"));
        transactions.add(withdrawalRelease(312, "W2", 310, "101"));
        chainWithdrawals.add(chainWithdrawal("W2", ChainWithdrawalStatus.FAILED, OLD));
        withdrawals.add(withdrawal(3, "REJECTED", null, 320L, OLD));
        transactions.add(withdrawalHold(321, "W3", 320, "101"));
        transactions.add(withdrawalRelease(322, "W3", 320, "101"));
        withdrawals.add(withdrawal(4, "FAILED", null, null, OLD));
        transactions.add(new TransactionView(331, "withdrawal:W4:hold", TxnType.VOID, "withdrawal:W4", null, null, null, null, OLD, List.of()));
        withdrawals.add(withdrawal(5, "BROADCAST", null, 340L, RECENT));
        transactions.add(withdrawalHold(341, "W5", 340, "101"));
        chainWithdrawals.add(chainWithdrawal("W5", ChainWithdrawalStatus.BROADCAST, RECENT));
        withdrawals.add(withdrawal(6, "REVIEW", null, 350L, OLD));
        transactions.add(withdrawalHold(351, "W6", 350, "101"));

        products.add(product(3, "USDT-FLEX", "USDT", "USDT", "1000", "2.5", 0, null));
        productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, "1000.000000"),
                balance(3, "USDT", AccountKind.REWARD_POOL, "97.5"), balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2.500000")));
        products.add(inFlight(product(4, "ETH-MINE", "ETH", "APAY", "5", "0", 1, RECENT), "0.2", "0", "0", "0"));
        productBalances.put("product-4", List.of(balance(4, "ETH", AccountKind.STAKED, "5.2")));
    }

    /** A product whose intents under way (if any) move no amount: see {@link #inFlight}. */
    static ProductBalances product(long id, String code, String lockCoin, String rewardCoin, String principal, String owed, int intents,
                                   Instant oldestIntent) {
        return new ProductBalances(id, code, ProductBalances.ledgerOwnerId(id), lockCoin, rewardCoin, bd(principal), bd(owed), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, intents, oldestIntent);
    }

    /** The product with these amounts of its intents under way (see {@link ProductBalances}). */
    static ProductBalances inFlight(ProductBalances p, String subscribing, String redeemingPrincipal, String redeemingRewards,
                                    String calculatedRewards) {
        return new ProductBalances(p.productId(), p.code(), p.ledgerOwnerId(), p.lockCoin(), p.rewardCoin(), p.principal(), p.rewardsOwed(),
                bd(subscribing), bd(redeemingPrincipal), bd(redeemingRewards), bd(calculatedRewards), p.intentsUnderWay(), p.oldestIntentAt());
    }

    static BalanceView balance(long productId, String coin, AccountKind kind, String amount) {
        return new BalanceView(500 + productId * 10 + kind.ordinal(), OwnerType.PRODUCT, ProductBalances.ledgerOwnerId(productId), coin, kind,
                bd(amount));
    }

    void replaceProduct(long id, ProductBalances with) {
        products.replaceAll(p -> p.productId() == id ? with : p);
    }

    ReconInput input() {
        WalletReconInput wallet = walletRead ? new WalletReconInput(deposits, withdrawals, transactions, chainDeposits, chainWithdrawals) : null;
        WealthReconInput wealth = wealthRead ? new WealthReconInput(products, productBalances, productsAfter == null ? products : productsAfter) : null;
        String notChecked = walletRead && wealthRead ? null : (walletRead ? "" : "wallet checks left out") + (wealthRead ? "" : " wealth left out");
        return new ReconInput(ads, acceptors, orders, openHolds, otherHolds, transactions, callbacks, NOW, wallet, wealth, notChecked);
    }

    List<Discrepancy> check() {
        return new ReconChecker(GRACE, CALLBACK_GRACE, CHAIN_GRACE).check(input());
    }

    static DepositSnapshot deposit(long id, String txHash, String amount, String state, Long creditTxnId, Instant updatedAt) {
        return new DepositSnapshot(id, 10 + id, "LOCAL", "USDT", txHash, 0, "0xA" + txHash, USER, bd(amount), state, creditTxnId, null,
                updatedAt, updatedAt);
    }

    static ChainDepositView chainDeposit(long id, String txHash, String owner, String amount, ChainDepositStatus status, Instant confirmedAt) {
        return new ChainDepositView(id, "LOCAL", "USDT", txHash, 0, "0xA" + txHash, owner, bd(amount), 100, "0xb", 12, 12, status,
                confirmedAt, status == ChainDepositStatus.CONFIRMED ? confirmedAt : null,
                status == ChainDepositStatus.CONFIRMED ? id : null);
    }

    /** The ledger's credit of a deposit: DEPOSIT_CLEARING to the owner's AVAILABLE under the deposit key. */
    static TransactionView credit(long txnId, long depositId, String txHash, String owner, String amount) {
        String[] o = owner.split(":");
        return new TransactionView(txnId, "deposit:LOCAL:" + txHash + ":0", TxnType.TRANSFER, "deposit:" + depositId, null, null, null, null,
                OLD, List.of(
                new PostingView(20, OwnerType.PLATFORM, "0", "USDT", AccountKind.DEPOSIT_CLEARING, bd(amount).negate(), BigDecimal.ZERO),
                new PostingView(21, OwnerType.valueOf(o[0]), o[1], "USDT", AccountKind.AVAILABLE, bd(amount), BigDecimal.ZERO)));
    }

    static WithdrawalSnapshot withdrawal(long id, String state, String ending, Long holdId, Instant updatedAt) {
        return new WithdrawalSnapshot(id, "W" + id, USER, "LOCAL", "USDT", TO, bd("100"), bd("1"), state, ending, holdId,
                state.equals("COMPLETED") || state.equals("BROADCAST") ? "0xt" + id : null, updatedAt, updatedAt);
    }

    static ChainWithdrawalView chainWithdrawal(String no, ChainWithdrawalStatus status, Instant updatedAt) {
        return new ChainWithdrawalView(no, "LOCAL", "USDT", TO, bd("100"), status, "0xt" + no, 100L, 12,
                status == ChainWithdrawalStatus.FAILED ? "reverted" : null, updatedAt, updatedAt);
    }

    static TransactionView withdrawalHold(long txnId, String no, long holdId, String amount) {
        return new TransactionView(txnId, "withdrawal:" + no + ":hold", TxnType.HOLD, "withdrawal:" + no, null, holdId, null, null, OLD,
                List.of(new PostingView(30, OwnerType.USER, "1001", "USDT", AccountKind.AVAILABLE, bd(amount).negate(), BigDecimal.ZERO),
                        new PostingView(31, OwnerType.USER, "1001", "USDT", AccountKind.FROZEN, bd(amount), BigDecimal.ZERO)));
    }

    /** The settlement of a withdrawal's hold: the amount to WITHDRAWAL_CLEARING, the fee to FEE_INCOME. */
    static TransactionView withdrawalSettle(long txnId, String no, long holdId, String amount, String fee) {
        return new TransactionView(txnId, "withdrawal:" + no + ":settle", TxnType.SETTLE, "withdrawal:" + no, null, holdId, null, null, OLD,
                List.of(new PostingView(31, OwnerType.USER, "1001", "USDT", AccountKind.FROZEN, bd(amount).add(bd(fee)).negate(), BigDecimal.ZERO),
                        new PostingView(32, OwnerType.PLATFORM, "0", "USDT", AccountKind.WITHDRAWAL_CLEARING, bd(amount), BigDecimal.ZERO),
                        new PostingView(33, OwnerType.PLATFORM, "0", "USDT", AccountKind.FEE_INCOME, bd(fee), BigDecimal.ZERO)));
    }

    static TransactionView withdrawalRelease(long txnId, String no, long holdId, String amount) {
        return new TransactionView(txnId, "withdrawal:" + no + ":release", TxnType.RELEASE, "withdrawal:" + no, null, holdId, null, null, OLD,
                List.of(new PostingView(31, OwnerType.USER, "1001", "USDT", AccountKind.FROZEN, bd(amount).negate(), BigDecimal.ZERO),
                        new PostingView(30, OwnerType.USER, "1001", "USDT", AccountKind.AVAILABLE, bd(amount), BigDecimal.ZERO)));
    }

    void replaceDeposit(long id, DepositSnapshot with) {
        deposits.replaceAll(d -> d.id() == id ? with : d);
    }

    void replaceChainDeposit(String txHash, ChainDepositView with) {
        chainDeposits.replaceAll(c -> c.txHash().equals(txHash) ? with : c);
    }

    void replaceWithdrawal(String no, WithdrawalSnapshot with) {
        withdrawals.replaceAll(w -> w.withdrawalNo().equals(no) ? with : w);
    }

    void replaceChainWithdrawal(String no, ChainWithdrawalView with) {
        chainWithdrawals.removeIf(c -> c.withdrawalId().equals(no));
        if (with != null) {
            chainWithdrawals.add(with);
        }
    }

    void replaceTransaction(long txnId, TransactionView with) {
        transactions.removeIf(t -> t.txnId() == txnId);
        if (with != null) {
            transactions.add(with);
        }
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
