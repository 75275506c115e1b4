package io.apay.job.otc;

import io.apay.job.config.JobSchedulingConfig;
import io.apay.job.merchant.MerchantCallbacksClient;
import io.apay.job.support.ClusterJob;
import io.apay.job.support.ClusterJobRunner;
import io.apay.job.support.ClusterJobs;
import io.apay.job.support.JobResult;
import io.apay.otc.api.OtcJobsApi;
import java.time.Duration;
import java.util.List;
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
public class PaymentJobs implements ClusterJobs {

    private final ClusterJobRunner runner;
    // each tick's length is the job's own schedule: the once-per-tick claim must match the rate it runs at
    private final ClusterJob expireOrders;
    private final ClusterJob recoverIntents;
    private final ClusterJob staleAds;
    private final ClusterJob retryCallbacks;
    private final ClusterJob recoverPayouts;

    public PaymentJobs(ClusterJobRunner runner, OtcJobsApi otc, MerchantCallbacksClient callbacks,
                       @Value("${apay.job.order-expiry-every:5s}") Duration expiryEvery,
                       @Value("${apay.job.otc-recover-every:10s}") Duration recoverEvery,
                       @Value("${apay.job.stale-ads-every:5m}") Duration staleAdsEvery,
                       @Value("${apay.job.callback-retry-every:5s}") Duration callbackRetryEvery,
                       @Value("${apay.job.payout-recover-every:10s}") Duration payoutRecoverEvery) {
        this.runner = runner;
        this.expireOrders = ClusterJob.interval("otc-expire-orders", expiryEvery, Duration.ofMinutes(2),
                "expires unpaid orders past their deadline (otc-svc, 200 a run)", () -> JobResult.ok("expired", otc.expireOrders(200).checkedData()));
        this.recoverIntents = ClusterJob.interval("otc-recover", recoverEvery, Duration.ofMinutes(5),
                "finishes otc-svc's cross-service steps left half-done (100 a run)", () -> JobResult.ok("recovered", otc.recover(100).checkedData()));
        this.staleAds = ClusterJob.interval("otc-stale-ads", staleAdsEvery, Duration.ofMinutes(4),
                "pauses ads that are used up or whose acceptor has long been offline (otc-svc)", () -> JobResult.ok("paused", otc.staleAds().checkedData()));
        this.retryCallbacks = ClusterJob.interval("merchant-callback-retries", callbackRetryEvery, Duration.ofMinutes(5),
                "delivers merchant callbacks that are due (100 a run)", () -> JobResult.ok("delivered", callbacks.deliverDue(100).checkedData()));
        this.recoverPayouts = ClusterJob.interval("merchant-payout-recover", payoutRecoverEvery, Duration.ofMinutes(5),
                "finishes merchant payouts whose call to wallet-svc had an unknown outcome (100 a run)",
                () -> JobResult.ok("recovered", callbacks.recoverPayouts(100).checkedData()));
    }

    @Override
    public List<ClusterJob> jobs() {
        return List.of(expireOrders, recoverIntents, staleAds, retryCallbacks, recoverPayouts);
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.order-expiry-every:5s}")
    public void expireOrders() {
        runner.runScheduled(expireOrders);
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.otc-recover-every:10s}")
    public void recoverIntents() {
        runner.runScheduled(recoverIntents);
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.stale-ads-every:5m}")
    public void staleAds() {
        runner.runScheduled(staleAds);
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.callback-retry-every:5s}")
    public void retryCallbacks() {
        runner.runScheduled(retryCallbacks);
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.payout-recover-every:10s}")
    public void recoverPayouts() {
        runner.runScheduled(recoverPayouts);
    }
}
