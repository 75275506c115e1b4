package io.apay.job.wealth;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.job.support.JobResult;
import io.apay.wealth.api.dto.AccrualReport;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A day of accrual counts as done only when no product stopped short of it: anything else is retried next tick. */
class WealthJobsTest {

    private static final LocalDate DAY = LocalDate.of(2030, 1, 1);

    @Test
    void aDayEveryProductReachedIsOk() {
        JobResult r = WealthJobs.accrued(new AccrualReport(DAY, 3, 30, List.of(), List.of(), 2));
        assertThat(r.failure()).isNull();
        assertThat(r.counts()).containsEntry("productDays", 3L).containsEntry("maturitiesStarted", 2L);
    }

    @Test
    void aProductStoppedShortForAnotherReasonThanItsPoolLeavesTheDayToBeRetried() {
        JobResult r = WealthJobs.accrued(new AccrualReport(DAY, 1, 10, List.of(), List.of("USDT-FLEX"), 0));
        assertThat(r.failure()).isEqualTo(WealthJobs.INCOMPLETE);
        assertThat(r.counts()).containsEntry("incompleteProducts", 1L);
    }

    @Test
    void aStalledPoolIsNamedAsSuch() {
        JobResult r = WealthJobs.accrued(new AccrualReport(DAY, 1, 10, List.of("MINE"), List.of("USDT-FLEX"), 0));
        assertThat(r.failure()).isEqualTo(WealthJobs.STALLED);
    }
}
