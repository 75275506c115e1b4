package io.apay.job.recon;

import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.PostingView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.TxnType;
import io.apay.otc.api.dto.recon.AcceptorSnapshot;
import io.apay.otc.api.dto.recon.AdSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cross-service reconciliation's rules, as a pure function of what one pass read (docs/reconciliation.md).
 * It must be exact: a discrepancy is a broken invariant, never a step still in flight. So a cross-service intent
 * (an ad OPENING or CLOSING, an acceptor APPROVING or LEAVING, an order PAID) is given {@code grace} to finish before
 * it counts as STUCK_INTENT, a callback {@code callbackGrace} to arrive through the outbox and RabbitMQ, and a
 * settlement already in the ledger of an order otc has not completed yet is taken off its ad's expected hold. The
 * wallet's deposits and withdrawals ({@link WalletChecks}) get the same grace, and a withdrawal on chain
 * {@code chainGrace} for the chain's outcome. wealth-svc's products ({@link WealthChecks}) may differ from the ledger
 * by no more than the amounts of their intents under way, for the same grace.
 */
public final class ReconChecker {

    public static final String AD_HOLD = "AD_HOLD";
    public static final String ORPHAN_HOLD = "ORPHAN_HOLD";
    public static final String SETTLEMENT = "SETTLEMENT";
    public static final String CALLBACK = "CALLBACK";
    public static final String MARGIN = "MARGIN";
    public static final String STUCK_INTENT = "STUCK_INTENT";
    public static final String DEPOSIT = "DEPOSIT";
    public static final String WITHDRAWAL = "WITHDRAWAL";
    public static final String WEALTH = "WEALTH";

    public static final String AD_REF = "ad:";
    public static final String ACCEPTOR_REF = "acceptor:";
    public static final String ORDER_REF = "order:";

    private final Duration grace;
    private final Duration callbackGrace;
    private final Duration chainGrace;

    public ReconChecker(Duration grace, Duration callbackGrace, Duration chainGrace) {
        this.grace = grace;
        this.callbackGrace = callbackGrace;
        this.chainGrace = chainGrace;
    }

    public List<Discrepancy> check(ReconInput in) {
        Pass pass = new Pass(in, grace, callbackGrace, chainGrace);
        new HoldChecks(pass).run();
        new OrderChecks(pass).run();
        if (in.wallet() != null) {
            new WalletChecks(pass).run();
        }
        if (in.wealth() != null) {
            new WealthChecks(pass).run();
        }
        return pass.found;
    }

    /**
     * The holds a pass must look up by id besides the OPEN ones it listed: those of ads and acceptors that should
     * hold coin, whose hold is not OPEN (to tell a hold released by a closing ad, or sold out, from a missing one).
     */
    public static Set<Long> holdsToLookUp(List<AdSnapshot> ads, List<AcceptorSnapshot> acceptors, Set<Long> openHoldIds) {
        Set<Long> ids = new LinkedHashSet<>();
        for (AdSnapshot ad : ads) {
            if (ad.status().holdsCoin() && ad.holdId() != null && !openHoldIds.contains(ad.holdId())) {
                ids.add(ad.holdId());
            }
        }
        for (AcceptorSnapshot a : acceptors) {
            if (a.status().holdsMargin() && a.marginHoldId() != null && !openHoldIds.contains(a.marginHoldId())) {
                ids.add(a.marginHoldId());
            }
        }
        return ids;
    }

    /** What every check of one pass shares: the input indexed, the clock and what was found so far. */
    static final class Pass {
        final ReconInput in;
        final Duration grace;
        final Duration callbackGrace;
        final Duration chainGrace;
        final Map<Long, AdSnapshot> ads = new HashMap<>();
        final Map<Long, AcceptorSnapshot> acceptors = new HashMap<>();
        final Map<Long, HoldView> openHolds = new HashMap<>();
        final Map<Long, HoldView> holds = new HashMap<>();
        /** biz ref {@code order:<no>} to its SETTLE transactions. */
        final Map<String, List<TransactionView>> settlements = new HashMap<>();
        final List<Discrepancy> found = new ArrayList<>();

        Pass(ReconInput in, Duration grace, Duration callbackGrace, Duration chainGrace) {
            this.in = in;
            this.grace = grace;
            this.callbackGrace = callbackGrace;
            this.chainGrace = chainGrace;
            in.ads().forEach(a -> ads.put(a.adId(), a));
            in.acceptors().forEach(a -> acceptors.put(a.userId(), a));
            in.openHolds().forEach(h -> openHolds.put(h.holdId(), h));
            holds.putAll(in.otherHolds());
            holds.putAll(openHolds);
            for (TransactionView t : in.transactions()) {
                if (t.type() == TxnType.SETTLE) {
                    settlements.computeIfAbsent(t.bizRef(), k -> new ArrayList<>()).add(t);
                }
            }
        }

        List<TransactionView> settlementsOf(String orderNo) {
            return settlements.getOrDefault(ORDER_REF + orderNo, List.of());
        }

        /** Older than {@code age} at the start of the pass (an unknown time counts as old). */
        boolean older(Instant t, Duration age) {
            return t == null || t.plus(age).isBefore(in.now());
        }

        void add(String check, String subject, String detail) {
            found.add(new Discrepancy(check, subject, detail));
        }

        void addAll(String check, String subject, List<String> problems) {
            if (!problems.isEmpty()) {
                add(check, subject, String.join("; ", problems));
            }
        }

        /** An intent still in its state after the grace: the recovery job did not finish it. */
        void stuck(String subject, String state, Instant since, String what) {
            add(STUCK_INTENT, subject, state + " since " + since + " (grace " + grace + "): " + what);
        }
    }

    /** What a transaction moved out of (negative) or into FROZEN accounts: a settlement's coin leaving the ad's hold. */
    static BigDecimal frozenMoved(TransactionView t) {
        return sum(t.postings().stream().filter(p -> p.kind() == AccountKind.FROZEN).toList());
    }

    static BigDecimal sum(List<PostingView> postings) {
        return postings.stream().map(PostingView::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** An amount as people read it: no exponent, no trailing zeros ("null" when absent). */
    static String plain(BigDecimal d) {
        return d == null ? "null" : d.stripTrailingZeros().toPlainString();
    }

    /** The id in a biz ref {@code <prefix><id>}, or null when it is not exactly that. */
    static Long idIn(String bizRef, String prefix) {
        if (bizRef == null || !bizRef.startsWith(prefix)) {
            return null;
        }
        String rest = bizRef.substring(prefix.length());
        if (rest.isEmpty() || rest.length() > 18 || !rest.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(rest);
    }
}
