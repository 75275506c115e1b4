package io.apay.job.support;

import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.security.RequestIdentity;
import io.apay.job.JobErrorCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** The jobs job-svc knows, their recorded runs, and an operator's run of one now (docs/admin.md, "Job runs"). */
@Service
public class JobRunService {

    /** A job as operators see it: {@code every} is its schedule (ISO-8601), {@code dayBased} whether a run needs a day. */
    public record JobView(String name, String every, boolean dayBased, String description) {
    }

    private final Map<String, ClusterJob> jobs = new LinkedHashMap<>();
    private final ClusterJobRunner runner;
    private final JobRunStore store;
    private final Clock clock;
    private final Duration lockWait;

    public JobRunService(List<ClusterJobs> sources, ClusterJobRunner runner, JobRunStore store, Clock clock,
                         @Value("${apay.job.manual-run-lock-wait:5s}") Duration lockWait) {
        sources.stream().flatMap(s -> s.jobs().stream()).sorted(Comparator.comparing(ClusterJob::name)).forEach(j -> {
            if (jobs.putIfAbsent(j.name(), j) != null) {
                throw new IllegalStateException("two jobs are named " + j.name());
            }
        });
        this.runner = runner;
        this.store = store;
        this.clock = clock;
        this.lockWait = lockWait;
    }

    public List<JobView> jobs() {
        return jobs.values().stream().map(j -> new JobView(j.name(), j.every().toString(), j.dayBased(), j.description())).toList();
    }

    public PageResult<JobRun> runs(String job, JobRun.Status status, PageParam page) {
        return store.page(job, status, page);
    }

    public JobRun get(long runId) {
        return store.get(runId).orElseThrow(() -> new ServiceException(JobErrorCodes.JOB_RUN_NOT_FOUND));
    }

    /**
     * Runs {@code name} now, in this request, and answers the recorded run (a failed body is a FAILED run, not an
     * error). A day-based job needs a {@code day} that has ended (UTC, by job-svc's clock); any other job refuses one.
     * Ordered with the scheduled runs by the job's lock: while one is going this waits a moment, then refuses.
     */
    @OperationLog(value = "job.run", reasonRequired = true)
    public JobRun runNow(String name, LocalDate day, String reason) {
        ClusterJob job = jobs.get(name);
        if (job == null) {
            throw new ServiceException(JobErrorCodes.JOB_NOT_FOUND);
        }
        if (job.dayBased() && (day == null || !day.isBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))) {
            throw new ServiceException(JobErrorCodes.JOB_DAY_REQUIRED);
        }
        if (!job.dayBased() && day != null) {
            throw new ServiceException(JobErrorCodes.JOB_DAY_NOT_ALLOWED);
        }
        String operator = RequestIdentity.operatorId().map(String::valueOf).orElse(null);
        return runner.runManually(job, day, operator, reason, lockWait);
    }
}
