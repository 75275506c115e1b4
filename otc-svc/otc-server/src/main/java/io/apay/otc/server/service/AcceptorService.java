package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.common.web.security.RequestIdentity;
import io.apay.otc.api.OtcErrorCodes;
import io.apay.otc.api.enums.AcceptorStatus;
import io.apay.otc.api.enums.AdStatus;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.controller.admin.vo.AcceptorDetailView;
import io.apay.otc.server.controller.admin.vo.AcceptorSummaryView;
import io.apay.otc.server.controller.app.vo.AcceptorView;
import io.apay.otc.server.dal.dataobject.AcceptorDO;
import io.apay.otc.server.dal.dataobject.AdChannelDO;
import io.apay.otc.server.dal.dataobject.AdDO;
import io.apay.otc.server.dal.mapper.AcceptorMapper;
import io.apay.otc.server.dal.mapper.AdChannelMapper;
import io.apay.otc.server.dal.mapper.AdMapper;
import io.apay.push.api.PushApi;
import io.apay.push.api.dto.AcceptorPresence;
import io.apay.push.api.event.AcceptorOfflineEvent;
import io.apay.push.api.event.AcceptorOnlineEvent;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acceptors: a user applies; risk approves (the margin deposit is then held in the ledger) or rejects; an approved
 * acceptor may list ads; leaving releases the margin. Also the acceptor's presence as push-svc reports it.
 */
@Service
public class AcceptorService {

    private static final Logger log = LoggerFactory.getLogger(AcceptorService.class);
    /** How many CLOSED ads an acceptor's detail shows (the newest). */
    static final int CLOSED_ADS_SHOWN = 20;

    private final AcceptorMapper acceptors;
    private final AdMapper ads;
    private final AdChannelMapper channels;
    private final MarginSteps margins;
    private final TransactionTemplate tx;
    private final OtcProperties props;
    private final PushApi push;
    private final Clock clock;

    public AcceptorService(AcceptorMapper acceptors, AdMapper ads, AdChannelMapper channels, MarginSteps margins, PushApi push,
                           OtcProperties props, PlatformTransactionManager txManager, Clock clock) {
        this.push = push;
        this.acceptors = acceptors;
        this.ads = ads;
        this.channels = channels;
        this.margins = margins;
        this.tx = new TransactionTemplate(txManager);
        this.props = props;
        this.clock = clock;
    }

    @OperationLog("otc.acceptor.apply")
    public AcceptorView apply(long userId, String displayName) {
        AcceptorDO existing = acceptors.selectById(userId);
        if (existing == null) {
            AcceptorDO a = new AcceptorDO();
            a.setUserId(userId);
            a.setDisplayName(displayName);
            a.setStatus(AcceptorStatus.APPLIED.name());
            a.setApplicationNo(1);
            a.setAppliedAt(now());
            a.setOnline(false);
            a.setPresenceEpoch(0L);
            a.setPresencePhase(1);
            a.setUpdatedAt(now());
            try {
                acceptors.insert(a);
            } catch (DuplicateKeyException e) {
                throw new ServiceException(OtcErrorCodes.ALREADY_APPLIED);
            }
            refreshPresence(userId);
            return view(userId);
        }
        // a rejected applicant, or one who left, may apply again
        if (!AcceptorStatus.REJECTED.name().equals(existing.getStatus()) && !AcceptorStatus.LEFT.name().equals(existing.getStatus())) {
            throw new ServiceException(OtcErrorCodes.ALREADY_APPLIED);
        }
        AcceptorDO change = new AcceptorDO();
        change.setDisplayName(displayName);
        change.setStatus(AcceptorStatus.APPLIED.name());
        change.setApplicationNo(existing.getApplicationNo() + 1);
        change.setAppliedAt(now());
        change.setUpdatedAt(now());
        if (acceptors.update(change, new LambdaQueryWrapper<AcceptorDO>().eq(AcceptorDO::getUserId, userId)
                .eq(AcceptorDO::getStatus, existing.getStatus())) != 1) {
            throw new ServiceException(OtcErrorCodes.ALREADY_APPLIED);
        }
        return view(userId);
    }

    /**
     * Approves a pending application: APPLIED to APPROVING (so a concurrent reject loses), then the margin is held
     * under the application's key ({@link MarginSteps#finishApproving}). Answers ACTIVE, or APPROVING when the
     * ledger's answer was lost (the recovery job finishes it); a refusal (not enough coin) leaves it APPLIED.
     */
    @OperationLog(value = "otc.acceptor.approve", reasonRequired = true)
    public AcceptorView approve(long userId, String reason) {
        pending(userId);
        AcceptorView before = view(userId);
        AcceptorDO change = new AcceptorDO();
        change.setMarginCoin(props.getMarginCoin());
        change.setMarginAmount(props.getMarginAmount());
        change.setReviewedBy(RequestIdentity.operatorId().orElse(null));
        change.setReviewedAt(now());
        change.setReviewReason(reason);
        if (!margins.move(userId, AcceptorStatus.APPLIED, AcceptorStatus.APPROVING, change)) {
            throw new ServiceException(OtcErrorCodes.APPLICATION_NOT_PENDING);
        }
        margins.finishApproving(userId);
        refreshPresence(userId);
        AcceptorView after = view(userId);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    @OperationLog(value = "otc.acceptor.reject", reasonRequired = true)
    public AcceptorView reject(long userId, String reason) {
        pending(userId);
        AcceptorView before = view(userId);
        AcceptorDO change = new AcceptorDO();
        change.setReviewedBy(RequestIdentity.operatorId().orElse(null));
        change.setReviewedAt(now());
        change.setReviewReason(reason);
        if (!margins.move(userId, AcceptorStatus.APPLIED, AcceptorStatus.REJECTED, change)) {
            throw new ServiceException(OtcErrorCodes.APPLICATION_NOT_PENDING);
        }
        AcceptorView after = view(userId);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /**
     * An acceptor leaves: under its row lock (a new ad waits for it), with every ad closed, ACTIVE to LEAVING; then
     * the margin is released ({@link MarginSteps#finishLeaving}). Answers LEFT, or LEAVING until the ledger answers.
     */
    @OperationLog("otc.acceptor.leave")
    public AcceptorView leave(long userId) {
        active(userId);
        tx.executeWithoutResult(s -> {
            if (!AcceptorStatus.ACTIVE.name().equals(acceptors.lockStatus(userId))) {
                throw new ServiceException(OtcErrorCodes.NOT_AN_ACCEPTOR);
            }
            if (acceptors.liveAds(userId) > 0) {
                throw new ServiceException(OtcErrorCodes.AD_HAS_OPEN_ORDERS, "close every ad before leaving");
            }
            margins.move(userId, AcceptorStatus.ACTIVE, AcceptorStatus.LEAVING, new AcceptorDO());
        });
        margins.finishLeaving(userId);
        return view(userId);
    }

    public AcceptorView view(long userId) {
        AcceptorDO a = acceptors.selectById(userId);
        if (a == null) {
            return new AcceptorView(userId, null, "NONE", false, null, null, false);
        }
        return new AcceptorView(userId, a.getDisplayName(), a.getStatus(), AcceptorStatus.ACTIVE.name().equals(a.getStatus()),
                a.getMarginCoin(), a.getMarginAmount(), Boolean.TRUE.equals(a.getOnline()));
    }

    /** Operators' list: by status and presence (either may be null), newest application first, with the count of ACTIVE ads. */
    public PageResult<AcceptorSummaryView> list(AcceptorStatus status, Boolean online, PageParam page) {
        Page<AcceptorDO> result = acceptors.selectPage(new Page<>(page.page(), page.size()),
                new LambdaQueryWrapper<AcceptorDO>().eq(status != null, AcceptorDO::getStatus, status == null ? null : status.name())
                        .eq(online != null, AcceptorDO::getOnline, online).orderByDesc(AcceptorDO::getAppliedAt));
        List<Long> ids = result.getRecords().stream().map(AcceptorDO::getUserId).toList();
        Map<Long, Integer> activeAds = ids.isEmpty() ? Map.of()
                : ads.activeAds(ids).stream().collect(Collectors.toMap(c -> c.acceptorId, c -> c.n));
        return new PageResult<>(result.getRecords().stream().map(a -> new AcceptorSummaryView(a.getUserId(), a.getDisplayName(),
                a.getStatus(), AcceptorStatus.ACTIVE.name().equals(a.getStatus()), a.getMarginCoin(), a.getMarginAmount(),
                Boolean.TRUE.equals(a.getOnline()), OrderViews.instant(a.getPresenceAt()), a.getOperatorPausedAt() != null,
                activeAds.getOrDefault(a.getUserId(), 0))).toList(), result.getTotal());
    }

    /**
     * One acceptor for operators, with presence, margin, review, an operator's pause and its ads (newest first): every
     * ad not CLOSED, and only the {@value #CLOSED_ADS_SHOWN} newest CLOSED ones, so a long history stays one small read.
     */
    public AcceptorDetailView detail(long userId) {
        AcceptorDO a = acceptors.selectById(userId);
        if (a == null) {
            throw new ServiceException(OtcErrorCodes.ACCEPTOR_NOT_FOUND);
        }
        List<AdDO> all = new ArrayList<>(ads.selectList(new LambdaQueryWrapper<AdDO>().eq(AdDO::getAcceptorId, userId)
                .ne(AdDO::getStatus, AdStatus.CLOSED.name())));
        all.addAll(ads.selectList(new LambdaQueryWrapper<AdDO>().eq(AdDO::getAcceptorId, userId).eq(AdDO::getStatus, AdStatus.CLOSED.name())
                .orderByDesc(AdDO::getId).last("LIMIT " + CLOSED_ADS_SHOWN)));
        all.sort(Comparator.comparing(AdDO::getId).reversed());
        Map<Long, List<AcceptorDetailView.Channel>> byAd = all.isEmpty() ? Map.of()
                : channels.selectList(new LambdaQueryWrapper<AdChannelDO>().in(AdChannelDO::getAdId, all.stream().map(AdDO::getId).toList())
                        .orderByAsc(AdChannelDO::getId)).stream()
                .collect(Collectors.groupingBy(AdChannelDO::getAdId, Collectors.mapping(c -> new AcceptorDetailView.Channel(
                        c.getChannel(), c.getPayeeName(), c.getPayeeAccount(), c.getBankName()), Collectors.toList())));
        List<AcceptorDetailView.Ad> adViews = all.stream().map(ad -> new AcceptorDetailView.Ad(ad.getId(), ad.getCoin(),
                ad.getFiatCurrency(), ad.getRate(), ad.getMinFiat(), ad.getMaxFiat(), ad.getTotalCoin(), ad.getAvailableCoin(),
                ad.getStatus(), ad.getPauseReason(), byAd.getOrDefault(ad.getId(), List.of()), OrderViews.instant(ad.getCreatedAt()))).toList();
        return new AcceptorDetailView(a.getUserId(), a.getDisplayName(), a.getStatus(), AcceptorStatus.ACTIVE.name().equals(a.getStatus()),
                Boolean.TRUE.equals(a.getOnline()), OrderViews.instant(a.getPresenceAt()), a.getMarginCoin(), a.getMarginAmount(),
                a.getMarginHoldId(), OrderViews.instant(a.getAppliedAt()), a.getReviewedBy(), OrderViews.instant(a.getReviewedAt()),
                a.getReviewReason(), OrderViews.instant(a.getLeftAt()), a.getOperatorPausedAt() != null,
                OrderViews.instant(a.getOperatorPausedAt()), a.getOperatorPausedBy(),
                (int) all.stream().filter(ad -> AdStatus.ACTIVE.name().equals(ad.getStatus())).count(), adViews);
    }

    /**
     * An operator takes the acceptor out of matching: the acceptor is marked paused (order matching skips it, so an
     * ad that was OPENING or that the acceptor resumes meanwhile takes no order either) and every ACTIVE ad goes
     * PAUSED with pause reason BY_OPERATOR. Open orders continue. Presence changes no ad, and the acceptor's own
     * resume is refused (16014) until {@link #resumeByOperator}. A repeat changes nothing more. Only an ACTIVE
     * acceptor (16016 otherwise): a mark on an applicant, or on one who left, would carry into a later approval.
     */
    @OperationLog(value = "otc.acceptor.pause", reasonRequired = true)
    public AcceptorDetailView pauseByOperator(long userId, String reason) {
        AcceptorDetailView before = detail(userId);
        tx.executeWithoutResult(s -> {
            // one pause or resume of this acceptor at a time, and no approval or leaving meanwhile
            if (!AcceptorStatus.ACTIVE.name().equals(acceptors.lockStatus(userId))) {
                throw new ServiceException(OtcErrorCodes.ACCEPTOR_NOT_ACTIVE);
            }
            acceptors.pauseByOperator(userId, RequestIdentity.operatorId().orElse(null), now());
            ads.pauseAllByOperator(userId, now());
        });
        AcceptorDetailView after = detail(userId);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /** Lifts an operator's pause: only the ads the operator paused go back to ACTIVE; a repeat changes nothing. */
    @OperationLog(value = "otc.acceptor.resume", reasonRequired = true)
    public AcceptorDetailView resumeByOperator(long userId, String reason) {
        AcceptorDetailView before = detail(userId);
        tx.executeWithoutResult(s -> {
            acceptors.lockStatus(userId);
            acceptors.resumeByOperator(userId, now());
            ads.resumeOperatorPaused(userId, now());
        });
        AcceptorDetailView after = detail(userId);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /** The acceptor, which must be active (approved and not left). */
    public AcceptorDO active(long userId) {
        AcceptorDO a = acceptors.selectById(userId);
        if (a == null || !AcceptorStatus.ACTIVE.name().equals(a.getStatus())) {
            throw new ServiceException(OtcErrorCodes.NOT_AN_ACCEPTOR);
        }
        return a;
    }

    /**
     * Applies a presence event if it is newer than what was applied: (epoch, phase) ordered, phase 0 online and
     * 1 offline, so a late offline of an old connection never pauses a newer live one.
     */
    public void onOnline(AcceptorOnlineEvent e) {
        acceptors.applyPresence(e.acceptorId(), e.epoch(), 0, true, LocalDateTime.ofInstant(e.at(), ZoneOffset.UTC), now());
    }

    public void onOffline(AcceptorOfflineEvent e) {
        acceptors.applyPresence(e.acceptorId(), e.epoch(), 1, false, LocalDateTime.ofInstant(e.at(), ZoneOffset.UTC), now());
    }

    /**
     * Reads the acceptor's presence from push-svc and applies it like an event: a monitor that connected before the
     * acceptor row existed (or whose event raced the application) is seen without waiting for a reconnect. Best
     * effort: if push-svc does not answer, the next presence event corrects it.
     */
    void refreshPresence(long userId) {
        try {
            AcceptorPresence p = push.presence(userId).checkedData();
            LocalDateTime at = p.since() == null ? now() : LocalDateTime.ofInstant(p.since(), ZoneOffset.UTC);
            acceptors.applyPresence(userId, p.epoch(), p.online() ? 0 : 1, p.online(), at, now());
        } catch (RuntimeException e) {
            log.warn("presence of acceptor {} not refreshed from push-svc: {}", userId, e.toString());
        }
    }

    private AcceptorDO pending(long userId) {
        AcceptorDO a = acceptors.selectById(userId);
        if (a == null || !AcceptorStatus.APPLIED.name().equals(a.getStatus())) {
            throw new ServiceException(OtcErrorCodes.APPLICATION_NOT_PENDING);
        }
        return a;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
