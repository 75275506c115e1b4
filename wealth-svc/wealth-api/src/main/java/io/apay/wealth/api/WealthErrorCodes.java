package io.apay.wealth.api;

import io.apay.common.core.error.ErrorCode;

/** Error codes of wealth-svc, range {@link io.apay.common.core.error.ErrorCodeRange#WEALTH}. */
public interface WealthErrorCodes {
    ErrorCode PRODUCT_NOT_FOUND = new ErrorCode(18001, 404, "product not found");
    ErrorCode PRODUCT_NOT_ON_SALE = new ErrorCode(18002, 409, "product is not on sale");
    ErrorCode PRODUCT_RETIRED = new ErrorCode(18003, 409, "product is retired");
    ErrorCode OUTSIDE_SALE_WINDOW = new ErrorCode(18004, 409, "product is not on sale at this time: outside its sale window");
    ErrorCode AMOUNT_SCALE = new ErrorCode(18005, 400, "amount has more decimals than the coin has");
    ErrorCode BELOW_MINIMUM = new ErrorCode(18006, 400, "amount is below the product's minimum subscription");
    ErrorCode ABOVE_USER_MAXIMUM = new ErrorCode(18007, 409, "amount would take you over the product's maximum per user");
    ErrorCode QUOTA_EXCEEDED = new ErrorCode(18008, 409, "not enough of the product's quota is left for this amount");
    ErrorCode REQUEST_NO_REUSED = new ErrorCode(18009, 409, "requestNo already used for a different request");
    ErrorCode INSUFFICIENT_BALANCE = new ErrorCode(18010, 409, "insufficient available balance");
    ErrorCode POSITION_NOT_FOUND = new ErrorCode(18011, 404, "position not found");
    ErrorCode POSITION_NOT_OPEN = new ErrorCode(18012, 409, "position is not open: it is being redeemed or has ended");
    ErrorCode EARLY_REDEMPTION_NOT_ALLOWED = new ErrorCode(18013, 409, "this product does not allow redemption before maturity");
    ErrorCode PRODUCT_NOT_EDITABLE = new ErrorCode(18014, 409, "only a product that is not yet on sale (DRAFT) can be edited");
    ErrorCode PRODUCT_STATE = new ErrorCode(18015, 409, "the product's status does not allow this");
    ErrorCode PRODUCT_INVALID = new ErrorCode(18016, 400, "product definition is not valid");
    ErrorCode PRODUCT_CODE_TAKEN = new ErrorCode(18017, 409, "a product with this code exists");
    ErrorCode COIN_UNKNOWN = new ErrorCode(18018, 400, "coin is not kept by the ledger");
    ErrorCode FUNDING_NO_REUSED = new ErrorCode(18019, 409, "fundingNo already used for a different funding");
    ErrorCode DAY_NOT_ENDED = new ErrorCode(18020, 400, "a day is accrued only after it has ended (UTC)");
    ErrorCode DEPENDENCY_UNAVAILABLE = new ErrorCode(18021, 503, "a service wealth needs did not answer; try again");
}
