package io.apay.ledger.server.service.engine;

import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.TxnType;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.server.service.fee.FeeSchedule;
import java.math.BigDecimal;
import java.util.List;

/**
 * A validated mutating request waiting for the writer. Accounts are given by (checked) address; the writer
 * resolves them for the whole batch at once. {@code requestHash} is the
 * SHA-256 of the request as the caller sent it (see {@link RequestHash}).
 */
public sealed interface Command {

    String idempotencyKey();

    String requestHash();

    String bizRef();

    String memo();

    /** The fee of a transfer's first leg or of a settlement, and the accounts it is paid into. */
    record Fee(FeeSchedule schedule, AccountRef commissionTo, AccountRef feeIncome, AccountRef rounding) {
    }

    record Leg(AccountRef from, AccountRef to, BigDecimal amount) {
    }

    /** TRANSFER, or CREDIT (one leg from the platform's FUNDING account). */
    record Transfer(String idempotencyKey, String requestHash, String bizRef, String memo, TxnType type,
                    List<Leg> legs, Fee fee) implements Command {
    }

    record Hold(String idempotencyKey, String requestHash, String bizRef, String memo, AccountRef source,
                AccountRef held, HoldPurpose purpose, BigDecimal amount) implements Command {
    }

    /**
     * {@code amount} null settles all that remains on the hold. At most one of {@code fee} (by schedule) and
     * {@code flatFee} (a fixed fee paid whole to {@code flatFeeIncome}) is given.
     */
    record Settle(String idempotencyKey, String requestHash, String bizRef, String memo, long holdId,
                  BigDecimal amount, boolean finalSettle, AccountRef payee, Fee fee, BigDecimal flatFee,
                  AccountRef flatFeeIncome) implements Command {
    }

    record Release(String idempotencyKey, String requestHash, String bizRef, String memo, long holdId) implements Command {
    }

    record Reverse(String idempotencyKey, String requestHash, String bizRef, String memo, long targetTxnId) implements Command {
    }

    /** Claims the key without moving money (a VOID transaction, no postings). */
    record VoidKey(String idempotencyKey, String requestHash, String bizRef, String memo) implements Command {
    }
}
