package io.apay.job.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One recorded run of a job (table {@code job_run}). {@code tick}: the epoch-aligned tick of an interval job, the
 * epoch day of a day-based one ({@code day}). {@code attempt}: the scheduled attempt at that tick (a day-based job
 * retries a day whose run failed), 0 for a manual run. {@code error}: a short code of why a FAILED run failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRun(
        long runId,
        String job,
        long tick,
        LocalDate day,
        int attempt,
        Trigger trigger,
        String operatorId,
        String reason,
        String replica,
        Status status,
        Map<String, Long> counts,
        String error,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs) {

    public enum Trigger { SCHEDULED, MANUAL }

    public enum Status { RUNNING, OK, FAILED }
}
