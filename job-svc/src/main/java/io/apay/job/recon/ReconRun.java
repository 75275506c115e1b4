package io.apay.job.recon;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One stored reconciliation run. {@code ok}: it read everything and found no discrepancy. {@code error}: why it
 * could not read everything (then {@code ok} is false and nothing was checked). {@code discrepancies}: the first
 * {@value ReconRunStore#KEEP} (of {@code discrepancyCount}); left out of list pages. {@code notChecked}: which checks
 * the run left out and why (wallet-svc or chain-bridge-svc not deployed), absent when every check ran.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconRun(
        long runId,
        String trigger,
        boolean ok,
        long discrepancyCount,
        List<Discrepancy> discrepancies,
        Instant windowFrom,
        Instant windowTo,
        Instant startedAt,
        Instant finishedAt,
        long adsChecked,
        long acceptorsChecked,
        long ordersChecked,
        long holdsChecked,
        long depositsChecked,
        long withdrawalsChecked,
        long productsChecked,
        String notChecked,
        String error) {

    ReconRun withDiscrepancies(List<Discrepancy> list) {
        return new ReconRun(runId, trigger, ok, discrepancyCount, list, windowFrom, windowTo, startedAt, finishedAt, adsChecked,
                acceptorsChecked, ordersChecked, holdsChecked, depositsChecked, withdrawalsChecked, productsChecked, notChecked, error);
    }
}
