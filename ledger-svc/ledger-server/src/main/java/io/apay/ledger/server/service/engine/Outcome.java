package io.apay.ledger.server.service.engine;

import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.dto.TransactionView;

/** What became of one command in a batch. */
public sealed interface Outcome {

    /** Applied now. */
    record Created(TransactionView transaction) implements Outcome {
    }

    /** The key was applied before with the same request: the answer is that transaction. */
    record Existing(long txnId) implements Outcome {
    }

    /** Rejected with no effect. */
    record Rejected(ServiceException error) implements Outcome {
    }
}
