package io.apay.job.recon;

import io.apay.common.web.security.RequestIdentity;
import io.apay.job.config.JobSchedulingConfig;
import io.apay.job.support.ClusterJob;
import io.apay.job.support.ClusterJobRunner;
import io.apay.job.support.ClusterJobs;
import io.apay.job.support.JobResult;
import java.util.List;
import java.util.Map;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduled cross-service reconciliation: once per interval (default hourly) across all job-svc replicas. */
@Component
public class CrossServiceReconciliationJob implements ClusterJobs {

    static final String JOB = "cross-service-reconciliation";

    private final ClusterJobRunner runner;
    private final ClusterJob job;

    public CrossServiceReconciliationJob(ClusterJobRunner runner, ReconciliationService reconciliation, ReconProperties props) {
        this.runner = runner;
        // a run that found discrepancies did its work (recorded OK with the count); one that could not read everything did not
        this.job = ClusterJob.interval(JOB, props.getInterval(), props.getInterval(),
                "compares otc-svc, the ledger, merchant-api-svc, wallet-svc, chain-bridge-svc and wealth-svc (docs/reconciliation.md)", () -> {
                    // an operator's run through the job API runs in their request: the reconciliation run names them too
                    String trigger = RequestIdentity.operatorId().map(id -> "operator:" + id).orElse(ReconciliationService.SCHEDULE);
                    ReconRun run = reconciliation.run(trigger, null);
                    Map<String, Long> counts = JobResult.counts("reconRunId", run.runId(), "discrepancies", run.discrepancyCount(), "orders",
                            run.ordersChecked(), "deposits", run.depositsChecked(), "withdrawals", run.withdrawalsChecked(), "products",
                            run.productsChecked());
                    return run.error() == null ? JobResult.ok(counts) : JobResult.incomplete("READ_FAILED", counts);
                });
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.cross-service-reconciliation.interval:PT1H}",
            initialDelayString = "${apay.job.cross-service-reconciliation.initial-delay:PT5M}")
    public void onTick() {
        runner.runScheduled(job);
    }

    @Override
    public List<ClusterJob> jobs() {
        return List.of(job);
    }
}
