package io.apay.job.support;

import java.time.Duration;
import java.time.LocalDate;

/**
 * One job job-svc runs: its name, how often it is scheduled, how long a run may hold its lock, and its body.
 * An interval job works on "now" (its tick is the epoch-aligned interval); a day-based job works on one UTC day
 * (its tick is the day: the scheduled run does yesterday, an operator may re-run any ended day).
 */
public record ClusterJob(String name, Duration every, Duration maxRun, boolean dayBased, String description, Body body) {

    /** The work; {@code day} is null for an interval job. */
    @FunctionalInterface
    public interface Body {
        JobResult run(LocalDate day);
    }

    /** The work of an interval job, which has no day. */
    @FunctionalInterface
    public interface IntervalBody {
        JobResult run();
    }

    public static ClusterJob interval(String name, Duration every, Duration maxRun, String description, IntervalBody body) {
        return new ClusterJob(name, every, maxRun, false, description, day -> body.run());
    }

    public static ClusterJob daily(String name, Duration every, Duration maxRun, String description, Body body) {
        return new ClusterJob(name, every, maxRun, true, description, body);
    }
}
