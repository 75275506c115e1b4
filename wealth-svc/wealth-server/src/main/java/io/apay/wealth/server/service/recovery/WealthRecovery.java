package io.apay.wealth.server.service.recovery;


import io.apay.common.rpc.RecoveryStep;
import io.apay.wealth.server.config.WealthProperties;
import io.apay.wealth.server.dal.mapper.AccrualMapper;
import io.apay.wealth.server.dal.mapper.FundingMapper;
import io.apay.wealth.server.dal.mapper.PositionMapper;
import io.apay.wealth.server.dal.mapper.RedemptionMapper;
import io.apay.wealth.server.service.accrual.AccrualSteps;
import io.apay.wealth.server.service.accrual.StalledProducts;
import io.apay.wealth.server.service.funding.FundingService;
import io.apay.wealth.server.service.redemption.RedemptionService;
import io.apay.wealth.server.service.subscription.SubscriptionStep;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.stereotype.Service;

/**
 * The recovery half of the pattern (docs/development.md): every intent older than {@code apay.wealth.recover-after}
 * is driven to its end by calling its step again with the same key, the least recently attempted first: subscriptions
 * SUBSCRIBING, accrual runs
 * CALCULATED (posted, or voided and the product stalled), redemptions REDEEMING, fundings PENDING. job-svc calls it
 * every few seconds ({@code POST /rpc-api/wealth/jobs/recover}); racing a request thread or the accrual is harmless,
 * every step starts from the intent's state.
 */
@Service
public class WealthRecovery {

    private final AccrualMapper accruals;
    private final RedemptionMapper redemptionRows;
    private final FundingMapper fundingRows;
    private final PositionMapper positionRows;
    private final SubscriptionStep subscriptions;
    private final AccrualSteps accrualSteps;
    private final RedemptionService redemptions;
    private final FundingService fundings;
    private final StalledProducts stalled;
    private final WealthProperties props;
    private final Clock clock;

    public WealthRecovery(AccrualMapper accruals, RedemptionMapper redemptionRows, FundingMapper fundingRows, PositionMapper positionRows, SubscriptionStep subscriptions, AccrualSteps accrualSteps,
                          RedemptionService redemptions, FundingService fundings, StalledProducts stalled, WealthProperties props, Clock clock) {
        this.accruals = accruals;
        this.redemptionRows = redemptionRows;
        this.fundingRows = fundingRows;
        this.positionRows = positionRows;
        this.subscriptions = subscriptions;
        this.accrualSteps = accrualSteps;
        this.redemptions = redemptions;
        this.fundings = fundings;
        this.stalled = stalled;
        this.props = props;
        this.clock = clock;
    }

    /** Drives up to {@code limit} intents of each kind; answers how many it drove. */
    public int recover(int limit) {
        LocalDateTime before = LocalDateTime.now(clock).minus(props.recoverAfter());
        int driven = 0;
        for (long positionId : positionRows.subscribingBefore(before, limit)) {
            driven += RecoveryStep.drive("subscription of position " + positionId, () -> subscriptions.subscribe(positionId));
        }
        for (long runId : accruals.staleCalculatedRuns(before, limit)) {
            driven += RecoveryStep.drive("accrual run " + runId, () -> accrualSteps.post(runId));
        }
        // runs first: a redemption waiting for one of them can then finish in the same pass
        for (long positionId : redemptionRows.stale(before, limit)) {
            driven += RecoveryStep.drive("redemption of position " + positionId, () -> redemptions.step(positionId));
        }
        for (long fundingId : fundingRows.stale(before, limit)) {
            driven += RecoveryStep.drive("funding " + fundingId, () -> fundings.move(fundingId));
        }
        stalled.refresh();
        return driven;
    }
}
