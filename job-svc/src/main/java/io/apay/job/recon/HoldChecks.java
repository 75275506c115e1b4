package io.apay.job.recon;

import static io.apay.job.recon.ReconChecker.ACCEPTOR_REF;
import static io.apay.job.recon.ReconChecker.AD_HOLD;
import static io.apay.job.recon.ReconChecker.AD_REF;
import static io.apay.job.recon.ReconChecker.MARGIN;
import static io.apay.job.recon.ReconChecker.ORPHAN_HOLD;
import static io.apay.job.recon.ReconChecker.plain;

import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.otc.api.dto.recon.AcceptorSnapshot;
import io.apay.otc.api.dto.recon.AdSnapshot;
import io.apay.otc.api.dto.recon.OrderSnapshot;
import io.apay.otc.api.enums.AcceptorStatus;
import io.apay.otc.api.enums.AdStatus;
import io.apay.otc.api.enums.OrderStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** AD_HOLD, MARGIN and ORPHAN_HOLD (and the STUCK_INTENT of ads and acceptors): otc's owners against the ledger's holds. */
final class HoldChecks {

    private final ReconChecker.Pass pass;
    /** Per ad: coin of its PAID or APPEAL orders that the ledger has already settled out of its hold. */
    private final Map<Long, BigDecimal> settledNotCompleted = new HashMap<>();
    /** Every hold id an ad or acceptor stores: those are judged by their owner's check, not as orphans. */
    private final Set<Long> named = new HashSet<>();

    HoldChecks(ReconChecker.Pass pass) {
        this.pass = pass;
        pass.in.ads().stream().map(AdSnapshot::holdId).filter(Objects::nonNull).forEach(named::add);
        pass.in.acceptors().stream().map(AcceptorSnapshot::marginHoldId).filter(Objects::nonNull).forEach(named::add);
        for (OrderSnapshot o : pass.in.orders()) {
            if (o.status() == OrderStatus.PAID || o.status() == OrderStatus.APPEAL) {
                for (TransactionView t : pass.settlementsOf(o.orderNo())) {
                    settledNotCompleted.merge(o.adId(), ReconChecker.frozenMoved(t).negate(), BigDecimal::add);
                }
            }
        }
    }

    void run() {
        pass.in.ads().forEach(this::ad);
        pass.in.acceptors().forEach(this::acceptor);
        pass.in.openHolds().forEach(this::openHold);
    }

    private void ad(AdSnapshot ad) {
        String subject = AD_REF + ad.adId();
        boolean old = pass.older(ad.updatedAt(), pass.grace);
        switch (ad.status()) {
            case OPENING -> {
                if (old) {
                    pass.stuck(subject, "OPENING", ad.updatedAt(), "the ad's hold was never finished (hold " + id(ad.holdId()) + ")");
                }
            }
            case ACTIVE, PAUSED, CLOSING -> {
                if (ad.status() == AdStatus.CLOSING && old) {
                    pass.stuck(subject, "CLOSING", ad.updatedAt(), "the release of the ad's hold " + id(ad.holdId()) + " was never finished");
                }
                liveAdHold(ad, subject);
            }
            case CLOSED, FAILED -> {
                HoldView h = ad.holdId() == null ? null : pass.openHolds.get(ad.holdId());
                if (h != null) {
                    pass.add(AD_HOLD, subject, ad.status() + " ad's hold " + h.holdId() + " is still OPEN with " + plain(h.remaining()) + " " + h.coin());
                }
            }
        }
    }

    /** An ad that holds coin: its hold is OPEN, its own, and holds what the ad has not sold yet. */
    private void liveAdHold(AdSnapshot ad, String subject) {
        if (ad.holdId() == null) {
            pass.add(AD_HOLD, subject, ad.status() + " ad has no hold id");
            return;
        }
        HoldView h = pass.holds.get(ad.holdId());
        if (h == null) {
            pass.add(AD_HOLD, subject, ad.status() + " ad's hold " + ad.holdId() + " is not in the ledger");
            return;
        }
        BigDecimal settled = settledNotCompleted.getOrDefault(ad.adId(), BigDecimal.ZERO);
        BigDecimal expected = ad.availableCoin().add(ad.openOrderCoin()).subtract(settled);
        if (h.status() != HoldStatus.OPEN) {
            if (ad.status() == AdStatus.CLOSING && h.status() == HoldStatus.RELEASED) {
                return; // released, CLOSED not written yet: in flight (STUCK_INTENT once past the grace)
            }
            if (h.status() == HoldStatus.SETTLED && expected.signum() == 0 && h.remaining().signum() == 0) {
                return; // sold out: every coin of the hold was settled to merchants
            }
            pass.add(AD_HOLD, subject, ad.status() + " ad's hold " + h.holdId() + " is " + h.status() + ", expected OPEN with " + plain(expected));
            return;
        }
        List<String> problems = new ArrayList<>();
        owner(problems, h, OwnerType.ACCEPTOR, Long.toString(ad.acceptorId()), HoldPurpose.FREEZE, AD_REF + ad.adId());
        if (!Objects.equals(h.coin(), ad.coin())) {
            problems.add("hold " + h.holdId() + " is in " + h.coin() + ", the ad in " + ad.coin());
        }
        if (h.remaining().compareTo(expected) != 0) {
            problems.add("hold " + h.holdId() + " remaining " + plain(h.remaining()) + " != available " + plain(ad.availableCoin())
                    + " + open orders " + plain(ad.openOrderCoin()) + " (" + ad.openOrders() + ")"
                    + (settled.signum() == 0 ? "" : " - settled, not yet completed " + plain(settled)) + " = " + plain(expected));
        }
        pass.addAll(AD_HOLD, subject, problems);
    }

    private void acceptor(AcceptorSnapshot a) {
        String subject = ACCEPTOR_REF + a.userId();
        boolean old = pass.older(a.updatedAt(), pass.grace);
        switch (a.status()) {
            case APPROVING -> {
                if (old) {
                    pass.stuck(subject, "APPROVING", a.updatedAt(), "the margin hold was never finished (hold " + id(a.marginHoldId()) + ")");
                }
            }
            case ACTIVE, LEAVING -> {
                if (a.status() == AcceptorStatus.LEAVING && old) {
                    pass.stuck(subject, "LEAVING", a.updatedAt(), "the release of the margin hold " + id(a.marginHoldId()) + " was never finished");
                }
                liveMargin(a, subject);
            }
            case APPLIED, REJECTED, LEFT -> {
                HoldView h = a.marginHoldId() == null ? null : pass.openHolds.get(a.marginHoldId());
                if (h != null) {
                    pass.add(MARGIN, subject, a.status() + " acceptor's margin hold " + h.holdId() + " is still OPEN with "
                            + plain(h.remaining()) + " " + h.coin());
                }
            }
        }
    }

    /** An acceptor that holds its margin: the MARGIN hold is OPEN, its own, in the margin's coin and amount. */
    private void liveMargin(AcceptorSnapshot a, String subject) {
        if (a.marginHoldId() == null) {
            pass.add(MARGIN, subject, a.status() + " acceptor has no margin hold id");
            return;
        }
        HoldView h = pass.holds.get(a.marginHoldId());
        if (h == null) {
            pass.add(MARGIN, subject, a.status() + " acceptor's margin hold " + a.marginHoldId() + " is not in the ledger");
            return;
        }
        if (h.status() != HoldStatus.OPEN) {
            if (a.status() == AcceptorStatus.LEAVING && h.status() == HoldStatus.RELEASED) {
                return; // released, LEFT not written yet: in flight
            }
            pass.add(MARGIN, subject, a.status() + " acceptor's margin hold " + h.holdId() + " is " + h.status() + ", expected OPEN");
            return;
        }
        List<String> problems = new ArrayList<>();
        owner(problems, h, OwnerType.ACCEPTOR, Long.toString(a.userId()), HoldPurpose.MARGIN, ACCEPTOR_REF + a.userId());
        if (!Objects.equals(h.coin(), a.marginCoin())) {
            problems.add("margin hold " + h.holdId() + " is in " + h.coin() + ", the acceptor's margin in " + a.marginCoin());
        }
        if (a.marginAmount() == null || h.remaining().compareTo(a.marginAmount()) != 0) {
            problems.add("margin hold " + h.holdId() + " holds " + plain(h.remaining()) + ", the acceptor's margin is " + plain(a.marginAmount()));
        }
        pass.addAll(MARGIN, subject, problems);
    }

    /**
     * An OPEN hold under {@code ad:} or {@code acceptor:} must be the stored hold of its owner. A hold some ad or
     * acceptor stores is judged by that owner's check (AD_HOLD, MARGIN); here only holds nobody stores: a hold of an
     * owner otc does not have, or a second hold of an owner, or one an OPENING/APPROVING owner has not adopted within
     * the grace.
     */
    private void openHold(HoldView h) {
        if (named.contains(h.holdId())) {
            return;
        }
        String subject = "hold:" + h.holdId();
        String what = "OPEN hold " + h.holdId() + " of " + plain(h.remaining()) + " " + h.coin() + " (biz ref " + h.bizRef() + ")";
        Long adId = ReconChecker.idIn(h.bizRef(), AD_REF);
        Long userId = ReconChecker.idIn(h.bizRef(), ACCEPTOR_REF);
        if (adId != null && pass.ads.containsKey(adId)) {
            AdSnapshot ad = pass.ads.get(adId);
            if (ad.holdId() == null && ad.status() == AdStatus.OPENING && !pass.older(ad.updatedAt(), pass.grace)) {
                return;
            }
            pass.add(ORPHAN_HOLD, subject, what + " is not the hold of ad " + adId + " (" + ad.status() + ", hold " + id(ad.holdId()) + ")");
        } else if (userId != null && pass.acceptors.containsKey(userId)) {
            AcceptorSnapshot a = pass.acceptors.get(userId);
            if (a.marginHoldId() == null && a.status() == AcceptorStatus.APPROVING && !pass.older(a.updatedAt(), pass.grace)) {
                return;
            }
            pass.add(ORPHAN_HOLD, subject, what + " is not the margin hold of acceptor " + userId + " (" + a.status()
                    + ", hold " + id(a.marginHoldId()) + ")");
        } else if (pass.older(h.createdAt(), pass.grace)) {
            // an owner created after otc was read has a young hold: only an old one is an orphan
            pass.add(ORPHAN_HOLD, subject, what + " belongs to no " + (adId != null ? "ad" : userId != null ? "acceptor" : "ad or acceptor") + " in otc");
        }
    }

    private static void owner(List<String> problems, HoldView h, OwnerType type, String ownerId, HoldPurpose purpose, String bizRef) {
        if (h.ownerType() != type || !Objects.equals(h.ownerId(), ownerId)) {
            problems.add("hold " + h.holdId() + " belongs to " + h.ownerType() + " " + h.ownerId() + ", not " + type + " " + ownerId);
        }
        if (h.purpose() != purpose) {
            problems.add("hold " + h.holdId() + " is a " + h.purpose() + " hold, not " + purpose);
        }
        if (!Objects.equals(h.bizRef(), bizRef)) {
            problems.add("hold " + h.holdId() + " has biz ref " + h.bizRef() + ", not " + bizRef);
        }
    }

    private static String id(Long holdId) {
        return holdId == null ? "none" : holdId.toString();
    }
}
