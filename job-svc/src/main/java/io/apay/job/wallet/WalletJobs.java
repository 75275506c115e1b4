package io.apay.job.wallet;

import io.apay.job.config.JobSchedulingConfig;
import io.apay.job.support.ClusterJob;
import io.apay.job.support.ClusterJobRunner;
import io.apay.job.support.ClusterJobs;
import io.apay.job.support.JobResult;
import io.apay.wallet.api.WalletJobsApi;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * wallet-svc's recovery (docs/development.md, "One pattern"): deposits being credited, withdrawals being held, sent,
 * settled or released, transfers being made, and the confirmed deposits whose event was lost. Once per tick across
 * job-svc replicas, on the async job pool; the call is idempotent.
 */
@Component
public class WalletJobs implements ClusterJobs {

    private final ClusterJobRunner runner;
    // the tick's length is the job's own schedule: the once-per-tick claim must match the rate it runs at
    private final ClusterJob recover;

    public WalletJobs(ClusterJobRunner runner, WalletJobsApi wallet, @Value("${apay.job.wallet-recover-every:5s}") Duration recoverEvery) {
        this.runner = runner;
        this.recover = ClusterJob.interval("wallet-recover", recoverEvery, Duration.ofMinutes(5),
                "finishes wallet-svc's deposits, withdrawals and transfers left half-done (100 a run)",
                () -> JobResult.ok("recovered", wallet.recover(100).checkedData()));
    }

    @Override
    public List<ClusterJob> jobs() {
        return List.of(recover);
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.wallet-recover-every:5s}")
    public void recover() {
        runner.runScheduled(recover);
    }
}
