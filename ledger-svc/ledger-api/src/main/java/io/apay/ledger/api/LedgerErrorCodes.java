package io.apay.ledger.api;

import io.apay.common.core.error.ErrorCode;

/**
 * Error codes of ledger-svc, range {@link io.apay.common.core.error.ErrorCodeRange#LEDGER}. A Feign caller gets
 * the same code back as a {@link io.apay.common.core.error.ServiceException} and can match on it. Every rejected
 * command (4xx) has no effect: nothing is written, and a later retry with the same idempotency key is evaluated
 * again. {@link #LEDGER_BUSY} means nothing was committed; {@link #OUTCOME_UNKNOWN} that it may have been (the commit
 * was sent, or the wait ran out): retry both with the same key and payload.
 */
public interface LedgerErrorCodes {
    ErrorCode INSUFFICIENT_BALANCE = new ErrorCode(14001, 409, "insufficient balance");
    ErrorCode ACCOUNT_NOT_FOUND = new ErrorCode(14002, 404, "account not found");
    ErrorCode UNKNOWN_COIN = new ErrorCode(14003, 400, "unknown or disabled coin");
    ErrorCode KIND_NOT_ALLOWED_FOR_OWNER = new ErrorCode(14004, 400, "this account kind does not exist for this owner type");
    ErrorCode KIND_NOT_TRANSFERABLE = new ErrorCode(14005, 400, "frozen and margin accounts change only through holds");
    ErrorCode INVALID_LEG = new ErrorCode(14006, 400, "a leg must move one coin between two different accounts");
    ErrorCode HOLD_NOT_FOUND = new ErrorCode(14010, 404, "hold not found");
    ErrorCode HOLD_NOT_OPEN = new ErrorCode(14011, 409, "hold is already settled or released");
    ErrorCode HOLD_AMOUNT_EXCEEDED = new ErrorCode(14012, 409, "amount exceeds what remains on the hold");
    ErrorCode TRANSACTION_NOT_FOUND = new ErrorCode(14020, 404, "transaction not found");
    ErrorCode ALREADY_REVERSED = new ErrorCode(14021, 409, "transaction is already reversed");
    ErrorCode NOT_REVERSIBLE = new ErrorCode(14022, 409, "this type of transaction cannot be reversed");
    ErrorCode IDEMPOTENCY_KEY_REUSED = new ErrorCode(14030, 422, "idempotency key was used for a different request");
    ErrorCode FEE_SCHEDULE_NOT_FOUND = new ErrorCode(14040, 400, "no fee schedule for this coin and business type");
    ErrorCode LEDGER_BUSY = new ErrorCode(14050, 503, "ledger is busy: retry with the same idempotency key");
    ErrorCode OUTCOME_UNKNOWN = new ErrorCode(14051, 504, "the outcome is not known yet: retry with the same idempotency key");
}
