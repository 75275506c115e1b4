package io.apay.job.ledger;

import io.apay.job.config.JobSchedulingConfig;
import io.apay.job.support.ClusterJob;
import io.apay.job.support.ClusterJobRunner;
import io.apay.job.support.ClusterJobs;
import io.apay.job.support.JobResult;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.ReconcileRequest;
import io.apay.ledger.api.dto.ReconciliationReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks ledger-svc to reconcile its books (every invariant over the whole journal) once per interval across all
 * job-svc replicas. The ledger records each run ({@code /admin-api/ledger/reconciliation/runs}); this job reports
 * it: an ERROR log line naming the first differences, and the gauges {@code apay.ledger.reconciliation.differences}
 * (alert when above 0) and {@code apay.ledger.reconciliation.last.success} (epoch seconds of the last clean run).
 */
@Component
public class LedgerReconciliationJob implements ClusterJobs {

    static final String JOB = "ledger-reconciliation";
    private static final Logger log = LoggerFactory.getLogger(LedgerReconciliationJob.class);

    private final LedgerApi ledger;
    private final ClusterJobRunner runner;
    private final ClusterJob job;
    private final AtomicLong differences = new AtomicLong();
    private final AtomicLong lastSuccess = new AtomicLong();

    public LedgerReconciliationJob(LedgerApi ledger, ClusterJobRunner runner, MeterRegistry meters,
                                   @Value("${apay.job.ledger-reconciliation.interval:PT10M}") Duration interval) {
        this.ledger = ledger;
        this.runner = runner;
        // a run finding differences did its work (recorded OK with the count); the gauges and the log raise the alarm
        this.job = ClusterJob.interval(JOB, interval, interval, "asks ledger-svc to check every invariant of its books", () -> {
            ReconciliationReport r = reconcile();
            return JobResult.ok(JobResult.counts("ledgerRunId", r.runId(), "differences", r.differenceCount(), "accounts", r.accountsChecked(),
                    "postings", r.postingsChecked(), "holds", r.holdsChecked()));
        });
        Gauge.builder("apay.ledger.reconciliation.differences", differences, AtomicLong::get)
                .description("differences found by the latest ledger reconciliation").register(meters);
        Gauge.builder("apay.ledger.reconciliation.last.success", lastSuccess, AtomicLong::get)
                .description("epoch seconds of the latest reconciliation without differences").register(meters);
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.ledger-reconciliation.interval:PT10M}",
            initialDelayString = "${apay.job.ledger-reconciliation.initial-delay:PT1M}")
    public void onTick() {
        runner.runScheduled(job);
    }

    @Override
    public List<ClusterJob> jobs() {
        return List.of(job);
    }

    /** One reconciliation, reported. Returns the ledger's report. */
    public ReconciliationReport reconcile() {
        ReconciliationReport report = ledger.reconcile(new ReconcileRequest("job-svc")).checkedData();
        differences.set(report.differenceCount());
        if (report.ok()) {
            lastSuccess.set(report.finishedAt().getEpochSecond());
            log.info("ledger reconciliation run {}: ok ({} accounts, {} postings, {} holds)", report.runId(),
                    report.accountsChecked(), report.postingsChecked(), report.holdsChecked());
        } else {
            log.error("ledger reconciliation run {}: {} differences, first: {}", report.runId(), report.differenceCount(),
                    report.differences().stream().limit(5).toList());
        }
        return report;
    }
}
