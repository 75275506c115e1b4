package io.apay.otc.api;

import io.apay.common.core.error.ErrorCode;

/** Error codes of otc-svc, range {@link io.apay.common.core.error.ErrorCodeRange#OTC}. */
public interface OtcErrorCodes {
    ErrorCode ORDER_NOT_FOUND = new ErrorCode(16001, 404, "order not found");
    ErrorCode NO_ACCEPTOR_AVAILABLE = new ErrorCode(16002, 503, "no acceptor can take this order now: none online with enough coin and a free payable amount; try again shortly");
    ErrorCode AMOUNT_OUT_OF_RANGE = new ErrorCode(16003, 400, "fiatAmount is outside what any ad accepts");
    ErrorCode MERCHANT_ORDER_NO_CONFLICT = new ErrorCode(16004, 409, "merchantOrderNo already used for a different order");
    ErrorCode ORDER_NOT_IN_STATE = new ErrorCode(16005, 409, "the order is not in a state that allows this");
    ErrorCode UNSUPPORTED_CURRENCY = new ErrorCode(16006, 400, "unsupported fiat currency or coin");
    ErrorCode ORDER_ALREADY_SETTLED = new ErrorCode(16007, 409, "the ledger has settled this order: it cannot be cancelled, it completes");
    ErrorCode NOT_AN_ACCEPTOR = new ErrorCode(16010, 403, "only an approved acceptor may do this");
    ErrorCode ALREADY_APPLIED = new ErrorCode(16011, 409, "already an acceptor or applied");
    ErrorCode APPLICATION_NOT_PENDING = new ErrorCode(16012, 409, "no pending application");
    ErrorCode INSUFFICIENT_COIN = new ErrorCode(16013, 409, "not enough available coin");
    ErrorCode PAUSED_BY_OPERATOR = new ErrorCode(16014, 409, "an operator paused this acceptor's ads: only an operator can resume them");
    ErrorCode ACCEPTOR_NOT_FOUND = new ErrorCode(16015, 404, "acceptor not found");
    ErrorCode ACCEPTOR_NOT_ACTIVE = new ErrorCode(16016, 409, "only an ACTIVE acceptor can be paused by an operator");
    ErrorCode AD_NOT_FOUND = new ErrorCode(16020, 404, "ad not found");
    ErrorCode AD_HAS_OPEN_ORDERS = new ErrorCode(16021, 409, "the ad has open orders: pause it and wait until they end");
    ErrorCode AD_INVALID = new ErrorCode(16022, 400, "ad limits invalid: 0 < minFiat <= maxFiat, rate > 0, and at least one channel");
    ErrorCode AD_NOT_PAUSED = new ErrorCode(16023, 409, "only a paused ad can be closed: pause it first");
    ErrorCode REPORT_NOT_FOUND = new ErrorCode(16030, 404, "payment report not found");
    ErrorCode APPEAL_NOT_FOUND = new ErrorCode(16031, 404, "appeal not found");
}
