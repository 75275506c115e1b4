package io.apay.ledger.server.service.engine;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.server.config.LedgerProperties;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Group commit for the ledger (TigerBeetle-style batching). Requests are queued; each writer thread takes
 * everything waiting (up to {@code maxBatch}) and applies it as one database transaction through
 * {@link BatchProcessor}. Under load a batch holds hundreds of commands, so a hot account is locked and updated
 * once per batch instead of once per transfer, and the log is flushed once per batch. Every command still succeeds
 * or fails on its own, and nobody is answered before the batch has committed.
 *
 * <p>Commands are split between writers by idempotency key, so repeats of one key always meet in one writer;
 * repeats inside one batch are answered with the first one's outcome.
 *
 * <p>A failed command is answered by {@link #failure}: if a commit that may hold it was sent (its answer was lost,
 * or something failed after it), the outcome is unknown ({@code OUTCOME_UNKNOWN}, 504); only a failure before any
 * such commit means nothing was committed ({@code SERVICE_UNAVAILABLE}, 503). Either way the caller retries with
 * the same key, which finds the committed transaction or applies the command once.
 */
@Component
public class LedgerWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
    private static final int SINGLE_ATTEMPTS = 3;

    private record Pending(Command command, CompletableFuture<Outcome> future) {
    }

    private final BatchProcessor processor;
    private final DataSource dataSource;
    private final LedgerProperties props;
    private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Timer batchTimer;
    private final DistributionSummary batchSize;
    private volatile boolean running;

    public LedgerWriter(BatchProcessor processor, DataSource dataSource, LedgerProperties props, MeterRegistry meters) {
        this.processor = processor;
        this.dataSource = dataSource;
        this.props = props;
        for (int i = 0; i < props.writers(); i++) {
            queues.add(new ArrayBlockingQueue<>(props.queueCapacity()));
        }
        this.batchTimer = Timer.builder("ledger.batch.duration").description("time to apply one batch")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.batchSize = DistributionSummary.builder("ledger.batch.commands").description("commands per batch")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("ledger.writer.queued", queues, qs -> qs.stream().mapToInt(BlockingQueue::size).sum())
                .description("commands waiting for a writer (a full queue answers LEDGER_BUSY)").register(meters);
    }

    /** Queues a command and waits until its batch has committed (or failed). */
    public Outcome submit(Command command) {
        Pending pending = new Pending(command, new CompletableFuture<>());
        BlockingQueue<Pending> queue = queues.get(Math.floorMod(command.idempotencyKey().hashCode(), queues.size()));
        if (!running || !queue.offer(pending)) {
            throw new ServiceException(LedgerErrorCodes.LEDGER_BUSY);
        }
        try {
            return pending.future().get(props.waitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServiceException(LedgerErrorCodes.OUTCOME_UNKNOWN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(LedgerErrorCodes.OUTCOME_UNKNOWN);
        } catch (ExecutionException e) {
            // the writer completes futures only normally; a failed wait says nothing about the commit
            throw new ServiceException(LedgerErrorCodes.OUTCOME_UNKNOWN);
        }
    }

    private void run(BlockingQueue<Pending> queue) {
        try (WriterSession session = new WriterSession(dataSource)) {
            run(queue, session);
        }
    }

    private void run(BlockingQueue<Pending> queue, WriterSession session) {
        List<Pending> batch = new ArrayList<>(props.maxBatch());
        while (running || !queue.isEmpty()) {
            long commitsBefore = session.commitsSent();
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, props.maxBatch() - 1);
                long start = System.nanoTime();
                write(batch, queue, session);
                batchTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                batchSize.record(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                log.error("ledger writer failed a batch of {}", batch.size(), e);
                // commands already answered keep their answer; for the rest, a commit sent for this batch may hold them
                Outcome failed = new Outcome.Rejected(failure(e, session.commitsSent() != commitsBefore));
                batch.forEach(p -> p.future().complete(failed));
            } finally {
                batch.clear();
            }
        }
        queue.forEach(p -> p.future().complete(new Outcome.Rejected(new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE))));
    }

    private void write(List<Pending> batch, BlockingQueue<Pending> queue, WriterSession session) {
        Map<String, List<Pending>> byKey = new LinkedHashMap<>();
        for (Pending p : batch) {
            byKey.computeIfAbsent(p.command().idempotencyKey(), k -> new ArrayList<>()).add(p);
        }
        List<Command> firsts = byKey.values().stream().map(group -> group.get(0).command()).toList();
        List<Outcome> outcomes;
        try {
            outcomes = processor.process(firsts, session);
        } catch (RuntimeException e) {
            if (firsts.size() > 1) {
                log.warn("batch of {} commands failed ({}); applying them one by one", firsts.size(), e.toString());
            }
            outcomes = firsts.stream().map(c -> applyAlone(c, e, session)).toList();
        }
        int i = 0;
        for (List<Pending> group : byKey.values()) {
            Outcome outcome = outcomes.get(i++);
            Command first = group.get(0).command();
            group.get(0).future().complete(outcome);
            for (Pending repeat : group.subList(1, group.size())) {
                if (repeat.command().requestHash().equals(first.requestHash())) {
                    repeat.future().complete(outcome);
                } else if (outcome instanceof Outcome.Rejected) {
                    // the first use of the key left no trace (or its outcome is unknown): this other request gets its
                    // own turn, where the key check finds whatever the first one committed
                    if (!queue.offer(repeat)) {
                        repeat.future().complete(new Outcome.Rejected(new ServiceException(LedgerErrorCodes.LEDGER_BUSY)));
                    }
                } else {
                    repeat.future().complete(new Outcome.Rejected(new ServiceException(LedgerErrorCodes.IDEMPOTENCY_KEY_REUSED)));
                }
            }
        }
    }

    /**
     * One command in its own transaction, retried when it lost a lock race, met the same key from another replica,
     * or its commit's answer was lost (each attempt first looks for the key, so it finds what a lost commit did).
     * If the batch's commit, or one of these, may have committed the command and no later attempt settled it, its
     * outcome stays unknown.
     */
    private Outcome applyAlone(Command command, RuntimeException batchFailure, WriterSession session) {
        RuntimeException last = batchFailure;
        boolean mayHaveCommitted = batchFailure instanceof CommitOutcomeUnknownException;
        for (int attempt = 1; attempt <= SINGLE_ATTEMPTS; attempt++) {
            try {
                return processor.process(List.of(command), session).get(0);
            } catch (DuplicateKeyException | TransientDataAccessException | CommitOutcomeUnknownException e) {
                last = e;
                mayHaveCommitted |= e instanceof CommitOutcomeUnknownException;
            } catch (RuntimeException e) {
                last = e;
                break;
            }
        }
        log.error("ledger command {} failed", command.idempotencyKey(), last);
        return new Outcome.Rejected(failure(last, mayHaveCommitted));
    }

    /**
     * The one answer for a command that failed: unknown once a commit that may hold it was sent; otherwise its
     * transaction was rolled back and nothing was committed (database trouble: 503; anything else is a bug: 500).
     */
    private static ServiceException failure(Throwable last, boolean mayHaveCommitted) {
        if (mayHaveCommitted) {
            return new ServiceException(LedgerErrorCodes.OUTCOME_UNKNOWN);
        }
        return new ServiceException(last instanceof DataAccessException
                ? CommonErrorCodes.SERVICE_UNAVAILABLE : CommonErrorCodes.INTERNAL_ERROR);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < queues.size(); i++) {
            BlockingQueue<Pending> queue = queues.get(i);
            Thread t = new Thread(() -> run(queue), "ledger-writer-" + i);
            t.start();
            threads.add(t);
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
