package io.apay.job.otc;

import io.apay.job.config.JobSchedulingConfig;
import io.apay.job.merchant.MerchantCallbacksClient;
import io.apay.job.support.ClusterJobRunner;
import io.apay.otc.api.OtcJobsApi;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The money path's scheduled work, each job once per tick across job-svc replicas, on the async job pool:
 * order expiry, recovery of cross-service steps left half-done (docs/development.md), stale-ad checks, callback
 * retries, recovery of merchant payouts whose call to wallet-svc had an unknown outcome.
 * Each call is idempotent, so a tick that runs twice (or a retry) has no second effect.
 */
@Component
public class PaymentJobs {

    private static final Logger log = LoggerFactory.getLogger(PaymentJobs.class);

    private final ClusterJobRunner runner;
    private final OtcJobsApi otc;
    private final MerchantCallbacksClient callbacks;

    // each tick's length is the job's own schedule: the once-per-tick claim must match the rate it runs at
    private final Duration expiryEvery;
    private final Duration recoverEvery;
    private final Duration staleAdsEvery;
    private final Duration callbackRetryEvery;
    private final Duration payoutRecoverEvery;

    public PaymentJobs(ClusterJobRunner runner, OtcJobsApi otc, MerchantCallbacksClient callbacks,
                       @Value("${apay.job.order-expiry-every:5s}") Duration expiryEvery,
                       @Value("${apay.job.otc-recover-every:10s}") Duration recoverEvery,
                       @Value("${apay.job.stale-ads-every:5m}") Duration staleAdsEvery,
                       @Value("${apay.job.callback-retry-every:5s}") Duration callbackRetryEvery,
                       @Value("${apay.job.payout-recover-every:10s}") Duration payoutRecoverEvery) {
        this.runner = runner;
        this.otc = otc;
        this.callbacks = callbacks;
        this.expiryEvery = expiryEvery;
        this.recoverEvery = recoverEvery;
        this.staleAdsEvery = staleAdsEvery;
        this.callbackRetryEvery = callbackRetryEvery;
        this.payoutRecoverEvery = payoutRecoverEvery;
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.order-expiry-every:5s}")
    public void expireOrders() {
        runner.runOncePerTick("otc-expire-orders", expiryEvery, Duration.ofMinutes(2), () -> {
            int n = otc.expireOrders(200).checkedData();
            if (n > 0) {
                log.info("expired {} unpaid orders", n);
            }
        });
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.otc-recover-every:10s}")
    public void recoverIntents() {
        runner.runOncePerTick("otc-recover", recoverEvery, Duration.ofMinutes(5), () -> otc.recover(100).checkedData());
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.stale-ads-every:5m}")
    public void staleAds() {
        runner.runOncePerTick("otc-stale-ads", staleAdsEvery, Duration.ofMinutes(4), () -> otc.staleAds().checkedData());
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.callback-retry-every:5s}")
    public void retryCallbacks() {
        runner.runOncePerTick("merchant-callback-retries", callbackRetryEvery, Duration.ofMinutes(5),
                () -> callbacks.deliverDue(100).checkedData());
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.payout-recover-every:10s}")
    public void recoverPayouts() {
        runner.runOncePerTick("merchant-payout-recover", payoutRecoverEvery, Duration.ofMinutes(5),
                () -> callbacks.recoverPayouts(100).checkedData());
    }
}
