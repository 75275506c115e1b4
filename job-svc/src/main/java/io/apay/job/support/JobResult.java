package io.apay.job.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of a job body reports: its counts (what the remote answered it did) and, when the work is not done,
 * a short failure code; such a run is recorded FAILED with its counts, and a day-based job retries the day.
 */
public record JobResult(Map<String, Long> counts, String failure) {

    public static JobResult ok(Map<String, Long> counts) {
        return new JobResult(counts, null);
    }

    public static JobResult ok(String name, long count) {
        return ok(Map.of(name, count));
    }

    public static JobResult incomplete(String failure, Map<String, Long> counts) {
        return new JobResult(counts, failure);
    }

    /** An ordered map of counts, for names and numbers given in pairs. */
    public static Map<String, Long> counts(Object... nameThenCount) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameThenCount.length; i += 2) {
            counts.put((String) nameThenCount[i], ((Number) nameThenCount[i + 1]).longValue());
        }
        return counts;
    }
}
