package io.apay.job.recon;

import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.security.RequestIdentity;
import io.apay.job.JobErrorCodes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One cross-service reconciliation run: read otc-svc, the ledger and merchant-api-svc (and wallet-svc,
 * chain-bridge-svc and wealth-svc when they are deployed), check (docs/reconciliation.md),
 * store the run. A pass that finds discrepancies is read and checked again after a short delay, up to
 * {@code rechecks} times, and only what every pass found counts: a step in flight between two reads is gone by the
 * next pass, a broken invariant is not. Reported as one log line per run (ERROR with the first discrepancies) and
 * the gauges {@code apay.reconciliation.discrepancies} (latest run) and {@code apay.reconciliation.last.success}
 * (epoch seconds of the latest run without discrepancies).
 */
@Service
public class ReconciliationService {

    public static final String SCHEDULE = "schedule";
    /** The longest orders window an operator may ask for. */
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    private final ReconReader reader;
    private final ReconRunStore store;
    private final ReconProperties props;
    private final ReconChecker checker;
    private final Clock clock;
    private final AtomicLong discrepancies = new AtomicLong();
    private final AtomicLong lastSuccess = new AtomicLong();

    public ReconciliationService(ReconReader reader, ReconRunStore store, ReconProperties props, Clock clock, MeterRegistry meters) {
        this.reader = reader;
        this.store = store;
        this.props = props;
        this.clock = clock;
        this.checker = new ReconChecker(props.getGrace(), props.getCallbackGrace(), props.getChainGrace());
        Gauge.builder("apay.reconciliation.discrepancies", discrepancies, AtomicLong::get)
                .description("discrepancies found by the latest cross-service reconciliation").register(meters);
        Gauge.builder("apay.reconciliation.last.success", lastSuccess, AtomicLong::get)
                .description("epoch seconds of the latest cross-service reconciliation without discrepancies").register(meters);
    }

    /**
     * A run an operator started (admin API): orders that ended since {@code since} (default: the configured window).
     * {@code reason} is optional (a run changes nothing) and goes to the op-log when given.
     */
    @OperationLog("reconciliation.run")
    public ReconRun runByOperator(Instant since, String reason) {
        Instant now = now();
        if (since != null && (!since.isBefore(now) || since.isBefore(now.minus(MAX_WINDOW)))) {
            throw new ServiceException(JobErrorCodes.RECON_SINCE_INVALID);
        }
        String trigger = RequestIdentity.operatorId().map(id -> "operator:" + id).orElse("admin");
        return run(trigger, since);
    }

    /** Reads, checks (with rechecks), stores and reports one run; a run that could not read everything is stored as failed. */
    public ReconRun run(String trigger, Instant since) {
        Instant started = now();
        Instant from = since != null ? since : started.minus(props.getWindow());
        ReconInput input = null;
        List<Discrepancy> found = List.of();
        String error = null;
        try {
            input = reader.read(from, started, started);
            found = checker.check(input);
            Set<String> confirmed = keys(found);
            for (int i = 0; i < props.getRechecks() && !found.isEmpty(); i++) {
                Thread.sleep(props.getRecheckDelay().toMillis());
                input = reader.read(from, started, now());
                List<Discrepancy> again = checker.check(input);
                confirmed.retainAll(keys(again));
                found = again.stream().filter(d -> confirmed.contains(d.key())).toList();
            }
        } catch (ReconReader.ReadFailedException e) {
            log.error("cross-service reconciliation ({}) could not read everything", trigger, e);
            error = e.getMessage();
            found = List.of();
        } catch (RuntimeException e) {
            // a run is always stored: a failed one says so rather than vanishing into a log
            log.error("cross-service reconciliation ({}) failed", trigger, e);
            error = "internal error in job-svc (see its log)";
            found = List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted (job-svc shutting down)";
            found = List.of();
        }
        ReconInput read = error == null ? input : null;
        WalletReconInput wallet = read == null ? null : read.wallet();
        WealthReconInput wealth = read == null ? null : read.wealth();
        ReconRun run = store.save(new ReconRun(0, trigger, error == null && found.isEmpty(), found.size(), null, from, started, started,
                now(), read == null ? 0 : read.ads().size(), read == null ? 0 : read.acceptors().size(),
                read == null ? 0 : read.orders().size(), read == null ? 0 : read.holdsChecked(),
                wallet == null ? 0 : wallet.deposits().size(), wallet == null ? 0 : wallet.withdrawals().size(),
                wealth == null ? 0 : wealth.products().size(), read == null ? null : read.notChecked(), error), found);
        report(run, found);
        return run;
    }

    public PageResult<ReconRun> runs(PageParam page) {
        return store.page(page);
    }

    public ReconRun get(long runId) {
        return store.get(runId).orElseThrow(() -> new ServiceException(JobErrorCodes.RECON_RUN_NOT_FOUND));
    }

    private void report(ReconRun run, List<Discrepancy> found) {
        if (run.error() != null) {
            log.error("cross-service reconciliation run {} ({}) failed: {}", run.runId(), run.trigger(), run.error());
            return;
        }
        discrepancies.set(run.discrepancyCount());
        if (run.notChecked() != null) {
            // not an error (an older mesh), but never silent: the run and this line say what was not checked
            log.warn("cross-service reconciliation run {} ({}) left out {}", run.runId(), run.trigger(), run.notChecked());
        }
        if (run.ok()) {
            lastSuccess.set(run.finishedAt().getEpochSecond());
            log.info("cross-service reconciliation run {} ({}): ok ({} ads, {} acceptors, {} orders, {} holds, {} deposits, {} withdrawals,"
                    + " {} products)", run.runId(), run.trigger(), run.adsChecked(), run.acceptorsChecked(), run.ordersChecked(),
                    run.holdsChecked(), run.depositsChecked(), run.withdrawalsChecked(), run.productsChecked());
        } else {
            log.error("cross-service reconciliation run {} ({}): {} discrepancies, first: {}", run.runId(), run.trigger(),
                    run.discrepancyCount(), found.stream().limit(5).toList());
        }
    }

    private static Set<String> keys(List<Discrepancy> found) {
        return found.stream().map(Discrepancy::key).collect(Collectors.toSet());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
