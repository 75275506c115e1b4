package io.apay.job.wealth;

import io.apay.job.config.JobSchedulingConfig;
import io.apay.job.support.ClusterJob;
import io.apay.job.support.ClusterJobRunner;
import io.apay.job.support.ClusterJobs;
import io.apay.job.support.JobResult;
import io.apay.wealth.api.WealthJobsApi;
import io.apay.wealth.api.dto.AccrualReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * wealth-svc's scheduled work (docs/wealth.md). {@code wealth-accrual} is day-based: its tick is the UTC day it
 * accrues (yesterday by job-svc's clock), scheduled hourly so a missed midnight is caught up within the hour; a day
 * whose run is OK is not run again, one that failed (or stopped at an unfunded pool) is tried again by the next tick,
 * each attempt recorded. An operator's re-run for day D accrues through D. {@code wealth-recover} drives wealth-svc's
 * intents to their end every few seconds. Both calls are idempotent.
 */
@Component
public class WealthJobs implements ClusterJobs {

    public static final String ACCRUAL = "wealth-accrual";
    public static final String RECOVER = "wealth-recover";
    /** The code of an accrual run that stopped at a product whose reward pool cannot pay the day. */
    public static final String STALLED = "ACCRUAL_STALLED";
    public static final String INCOMPLETE = "ACCRUAL_INCOMPLETE";

    private final ClusterJobRunner runner;
    private final ClusterJob accrual;
    private final ClusterJob recover;

    public WealthJobs(ClusterJobRunner runner, WealthJobsApi wealth,
                      @Value("${apay.job.wealth-accrual-every:1h}") Duration accrualEvery,
                      @Value("${apay.job.wealth-recover-every:5s}") Duration recoverEvery) {
        this.runner = runner;
        this.accrual = ClusterJob.daily(ACCRUAL, accrualEvery, Duration.ofMinutes(30),
                "accrues every wealth product's rewards through the day (yesterday when scheduled), then starts matured redemptions",
                day -> accrued(wealth.accrue(day).checkedData()));
        this.recover = ClusterJob.interval(RECOVER, recoverEvery, Duration.ofMinutes(5),
                "finishes wealth-svc's subscriptions, redemptions, fundings and accrual runs left half-done (100 a run)",
                () -> JobResult.ok("recovered", wealth.recover(100).checkedData()));
    }

    /**
     * A product stalled (unfunded pool) or stopped short (a lost answer, an error) has days not accrued yet: the day is
     * not done, so the run counts as failed and the next tick retries it.
     */
    static JobResult accrued(AccrualReport r) {
        int stalled = r.stalledProducts().size();
        int incomplete = r.incompleteProducts().size();
        Map<String, Long> counts = JobResult.counts("productDays", r.productDays(), "positionDays", r.positionDays(), "stalledProducts",
                stalled, "incompleteProducts", incomplete, "maturitiesStarted", r.maturitiesStarted());
        if (r.done()) {
            return JobResult.ok(counts);
        }
        return JobResult.incomplete(stalled > 0 ? STALLED : INCOMPLETE, counts);
    }

    @Override
    public List<ClusterJob> jobs() {
        return List.of(accrual, recover);
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.wealth-accrual-every:1h}", initialDelayString = "${apay.job.wealth-accrual-initial-delay:1m}")
    public void accrue() {
        runner.runScheduled(accrual);
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.wealth-recover-every:5s}")
    public void recover() {
        runner.runScheduled(recover);
    }
}
