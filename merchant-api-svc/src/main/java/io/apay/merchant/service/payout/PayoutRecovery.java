package io.apay.merchant.service.payout;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ServiceException;
import io.apay.merchant.dal.dataobject.MerchantPayoutDO;
import io.apay.merchant.dal.mapper.MerchantPayoutMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The recovery half of the payout step (docs/development.md): every payout still REQUESTING
 * {@code apay.merchant.payouts.recover-after} after its last call is handed to the wallet again, with the same
 * payout number. job-svc calls it every few seconds ({@code POST /rpc-api/merchant/payouts/recover}); racing the
 * request that started it is harmless (same key, conditional completion).
 */
@Service
public class PayoutRecovery {

    private static final Logger log = LoggerFactory.getLogger(PayoutRecovery.class);

    private final MerchantPayoutMapper payouts;
    private final PayoutSteps steps;
    private final PayoutProperties props;
    private final Clock clock;

    public PayoutRecovery(MerchantPayoutMapper payouts, PayoutSteps steps, PayoutProperties props, Clock clock) {
        this.payouts = payouts;
        this.steps = steps;
        this.props = props;
        this.clock = clock;
    }

    /** Drives up to {@code limit} payouts, the least recently attempted first; answers how many it tried. */
    public int recover(int limit) {
        LocalDateTime before = LocalDateTime.now(clock).minus(props.getRecoverAfter());
        int tried = 0;
        for (MerchantPayoutDO p : payouts.selectList(new LambdaQueryWrapper<MerchantPayoutDO>()
                .eq(MerchantPayoutDO::getStatus, MerchantPayoutDO.REQUESTING).lt(MerchantPayoutDO::getUpdatedAt, before)
                .and(w -> w.isNull(MerchantPayoutDO::getAttemptedAt).or().lt(MerchantPayoutDO::getAttemptedAt, before))
                .orderByAsc(MerchantPayoutDO::getAttemptedAt).last("LIMIT " + limit))) {
            try {
                steps.submit(p.getId(), true);
            } catch (ServiceException refused) {
                // the step made it REFUSED and said why; the merchant sees it on its next query
                log.info("recovery of payout {} of {}: refused {}", p.getPayoutNo(), p.getMerchantNo(), refused.code());
            } catch (RuntimeException e) {
                log.warn("recovery of payout {} of {} failed, the next run retries: {}", p.getPayoutNo(), p.getMerchantNo(), e.toString());
            }
            tried++;
        }
        return tried;
    }
}
