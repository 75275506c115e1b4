package io.apay.job.recon;

import io.apay.job.config.JobSchedulingConfig;
import io.apay.job.support.ClusterJobRunner;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduled cross-service reconciliation: once per interval (default hourly) across all job-svc replicas. */
@Component
public class CrossServiceReconciliationJob {

    static final String JOB = "cross-service-reconciliation";

    private final ClusterJobRunner runner;
    private final ReconciliationService reconciliation;
    private final ReconProperties props;

    public CrossServiceReconciliationJob(ClusterJobRunner runner, ReconciliationService reconciliation, ReconProperties props) {
        this.runner = runner;
        this.reconciliation = reconciliation;
        this.props = props;
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.cross-service-reconciliation.interval:PT1H}",
            initialDelayString = "${apay.job.cross-service-reconciliation.initial-delay:PT5M}")
    public void onTick() {
        runner.runOncePerTick(JOB, props.getInterval(), props.getInterval(), () -> reconciliation.run(ReconciliationService.SCHEDULE, null));
    }
}
