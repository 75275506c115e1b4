package io.apay.ledger.server.service;

import io.apay.ledger.server.config.LedgerProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journal ids (transactions and holds) by hi/lo: a block of ids is reserved in {@code ledger_id_block} in its own
 * short transaction, then handed out from memory. Every replica and writer gets disjoint blocks, so ids are unique
 * without AUTO_INCREMENT and a batch knows them before it inserts. Ids are unique, not ordered in time.
 */
@Component
public class IdAllocator {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final int blockSize;
    private long next;
    private long limit;

    public IdAllocator(JdbcTemplate jdbc, PlatformTransactionManager txManager, LedgerProperties props) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(txManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.blockSize = props.idBlockSize();
    }

    public synchronized long next() {
        if (next >= limit) {
            Long end = ownTransaction.execute(status -> {
                // LAST_INSERT_ID(expr) remembers the new value for this connection: MySQL and MariaDB alike
                jdbc.update("UPDATE ledger_id_block SET next_id = LAST_INSERT_ID(next_id + ?) WHERE name = 'journal'", blockSize);
                return jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
            });
            limit = end;
            next = end - blockSize;
        }
        return next++;
    }
}
