package io.apay.ledger.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the ledger's writer (see docs/adr/0001-ledger-hot-accounts-batched-writer.md).
 *
 * @param writers       writer threads; commands are split between them by idempotency key
 * @param maxBatch      most commands one database transaction applies
 * @param queueCapacity commands waiting per writer before new ones are refused with LEDGER_BUSY
 * @param waitTimeout   how long a request waits for its batch before answering OUTCOME_UNKNOWN; kept well below
 *                      callers' Feign read timeout (5 s by default), so a caller gets this clear answer rather
 *                      than a read timeout of its own (docs/ledger.md, Configuration)
 * @param idBlockSize   journal ids a writer reserves at a time (hi/lo)
 */
@ConfigurationProperties("apay.ledger")
public record LedgerProperties(Integer writers, Integer maxBatch, Integer queueCapacity, Duration waitTimeout,
                               Integer idBlockSize) {

    public LedgerProperties {
        writers = writers == null ? 2 : writers;
        maxBatch = maxBatch == null ? 500 : maxBatch;
        queueCapacity = queueCapacity == null ? 20_000 : queueCapacity;
        waitTimeout = waitTimeout == null ? Duration.ofSeconds(3) : waitTimeout;
        idBlockSize = idBlockSize == null ? 10_000 : idBlockSize;
    }
}
