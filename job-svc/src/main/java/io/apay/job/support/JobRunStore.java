package io.apay.job.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.job.support.JobRun.Status;
import io.apay.job.support.JobRun.Trigger;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * job_run (apay_job): one row per run of a job. Its unique key on (job, tick, attempt) of SCHEDULED runs is the
 * database's half of "one run per tick across replicas": a replica that loses the insert does not run the body.
 */
@Component
public class JobRunStore {

    /** The error code of a RUNNING run older than its job's longest run: its replica died (or lost its lock). */
    public static final String ABANDONED = "ABANDONED";

    private static final ObjectMapper JSON = ApayJackson.newMapper();
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, job_name, tick, run_day, attempt, run_trigger, operator_id, reason, replica, status,"
            + " counts, error_code, started_at, finished_at, duration_ms";

    private final JdbcTemplate jdbc;

    public JobRunStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the start of a scheduled run at {@code tick}, or answers empty when this replica must not run it:
     * another replica recorded the same tick (the unique key) or, for a {@code retryable} (day-based) tick, a run
     * of it is OK or still RUNNING. A failed day is attempted again under the next attempt number.
     */
    public Optional<JobRun> startScheduled(String job, long tick, LocalDate day, boolean retryable, String replica, Instant now,
                                           Duration maxRun) {
        abandonStale(job, now, maxRun);
        int attempt = 1;
        if (retryable) {
            Integer live = jdbc.queryForObject("SELECT COUNT(*) FROM job_run WHERE job_name = ? AND tick = ? AND status IN ('OK', 'RUNNING')",
                    Integer.class, job, tick);
            if (live != null && live > 0) {
                return Optional.empty();
            }
            Integer last = jdbc.queryForObject("SELECT MAX(attempt) FROM job_run WHERE job_name = ? AND tick = ? AND run_trigger = 'SCHEDULED'",
                    Integer.class, job, tick);
            attempt = last == null ? 1 : last + 1;
        }
        try {
            return Optional.of(insert(job, tick, day, attempt, Trigger.SCHEDULED, null, null, replica, now));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** Records the start of a run an operator asked for (manual runs are not unique per tick: the job's lock orders them). */
    public JobRun startManual(String job, long tick, LocalDate day, String operatorId, String reason, String replica, Instant now,
                              Duration maxRun) {
        abandonStale(job, now, maxRun);
        return insert(job, tick, day, 0, Trigger.MANUAL, operatorId, reason, replica, now);
    }

    /** Records how a run ended and answers it as stored. */
    public JobRun finish(JobRun run, Status status, Map<String, Long> counts, String error, Instant finishedAt) {
        long durationMs = Math.max(0, Duration.between(run.startedAt(), finishedAt).toMillis());
        jdbc.update("UPDATE job_run SET status = ?, counts = ?, error_code = ?, finished_at = ?, duration_ms = ? WHERE id = ?",
                status.name(), json(counts), error == null ? null : cut(error, 128), UtcColumns.utc(finishedAt), durationMs, run.runId());
        return get(run.runId()).orElseThrow();
    }

    /** Newest first, optionally of one job and one status. */
    public PageResult<JobRun> page(String job, Status status, PageParam page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (job != null) {
            where.append(" AND job_name = ?");
            args.add(job);
        }
        if (status != null) {
            where.append(" AND status = ?");
            args.add(status.name());
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM job_run" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add(page.offset());
        List<JobRun> runs = jdbc.query("SELECT " + COLUMNS + " FROM job_run" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, i) -> run(rs), pageArgs.toArray());
        return new PageResult<>(runs, total == null ? 0 : total);
    }

    /** Deletes at most {@code limit} runs that started before {@code before}; answers how many it deleted. */
    public int deleteStartedBefore(Instant before, int limit) {
        return jdbc.update("DELETE FROM job_run WHERE started_at < ? ORDER BY started_at LIMIT ?", UtcColumns.utc(before), limit);
    }

    public Optional<JobRun> get(long runId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM job_run WHERE id = ?", (rs, i) -> run(rs), runId).stream().findFirst();
    }

    /** A run still RUNNING after the job's longest run lost its lock long ago: its replica died. Says so instead of RUNNING forever. */
    private void abandonStale(String job, Instant now, Duration maxRun) {
        jdbc.update("UPDATE job_run SET status = 'FAILED', error_code = ?, finished_at = ? WHERE job_name = ? AND status = 'RUNNING'"
                + " AND started_at < ?", ABANDONED, UtcColumns.utc(now), job, UtcColumns.utc(now.minus(maxRun)));
    }

    private JobRun insert(String job, long tick, LocalDate day, int attempt, Trigger trigger, String operatorId, String reason,
                          String replica, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("INSERT INTO job_run (job_name, tick, run_day, attempt, run_trigger, operator_id,"
                    + " reason, replica, status, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?)", Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, job);
            ps.setLong(2, tick);
            ps.setObject(3, day == null ? null : Date.valueOf(day));
            ps.setInt(4, attempt);
            ps.setString(5, trigger.name());
            ps.setString(6, operatorId);
            ps.setString(7, reason == null ? null : cut(reason, 255));
            ps.setString(8, cut(replica, 128));
            ps.setObject(9, UtcColumns.utc(now));
            return ps;
        }, key);
        return get(key.getKey().longValue()).orElseThrow();
    }

    private static JobRun run(ResultSet rs) throws SQLException {
        Date day = rs.getDate("run_day");
        Long duration = rs.getObject("duration_ms", Long.class);
        return new JobRun(rs.getLong("id"), rs.getString("job_name"), rs.getLong("tick"), day == null ? null : day.toLocalDate(),
                rs.getInt("attempt"), Trigger.valueOf(rs.getString("run_trigger")), rs.getString("operator_id"), rs.getString("reason"),
                rs.getString("replica"), Status.valueOf(rs.getString("status")), counts(rs.getString("counts")), rs.getString("error_code"),
                UtcColumns.instant(rs, "started_at"), UtcColumns.instant(rs, "finished_at"), duration);
    }

    private static Map<String, Long> counts(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job_run.counts is not a JSON object of numbers", e);
        }
    }

    private static String json(Map<String, Long> counts) {
        if (counts == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
