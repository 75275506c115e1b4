package io.apay.job.support;

import io.apay.job.config.JobSchedulingConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the run log from growing without end: the frequent jobs record tens of thousands of runs a day. Runs that
 * started more than {@code apay.job.run-retention} ago (default 30 days) are deleted hourly, in batches so no
 * statement holds many locks at once.
 */
@Component
public class JobRunCleanup implements ClusterJobs {

    static final String JOB = "job-run-cleanup";
    static final int BATCH = 5000;

    private final ClusterJobRunner runner;
    private final ClusterJob job;

    public JobRunCleanup(ClusterJobRunner runner, JobRunStore store, Clock clock,
                         @Value("${apay.job.run-retention:30d}") Duration retention,
                         @Value("${apay.job.run-cleanup-every:1h}") Duration every) {
        this.runner = runner;
        this.job = ClusterJob.interval(JOB, every, Duration.ofMinutes(30), "deletes job runs older than " + retention, () -> {
            long deleted = 0;
            int batch;
            do {
                batch = store.deleteStartedBefore(clock.instant().minus(retention), BATCH);
                deleted += batch;
            } while (batch == BATCH);
            return JobResult.ok("deleted", deleted);
        });
    }

    @Override
    public List<ClusterJob> jobs() {
        return List.of(job);
    }

    @Async(JobSchedulingConfig.JOB_EXECUTOR)
    @Scheduled(fixedRateString = "${apay.job.run-cleanup-every:1h}", initialDelayString = "${apay.job.run-cleanup-initial-delay:10m}")
    public void onTick() {
        runner.runScheduled(job);
    }
}
