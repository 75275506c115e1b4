package io.apay.wallet.api;

import io.apay.common.core.error.ErrorCode;

/** Error codes of wallet-svc, range {@link io.apay.common.core.error.ErrorCodeRange#WALLET}. */
public interface WalletErrorCodes {
    ErrorCode NETWORK_COIN_UNSUPPORTED = new ErrorCode(15001, 400, "this coin is not withdrawn or moved on this network here");
    ErrorCode AMOUNT_SCALE = new ErrorCode(15002, 400, "amount has more decimals than the coin has");
    ErrorCode AMOUNT_BELOW_MINIMUM = new ErrorCode(15003, 400, "amount is below the coin's minimum withdrawal");
    ErrorCode DAILY_LIMIT_EXCEEDED = new ErrorCode(15004, 400, "amount exceeds what is left of today's withdrawal limit");
    ErrorCode REQUEST_NO_REUSED = new ErrorCode(15005, 409, "requestNo already used for a different request");
    ErrorCode TWO_FACTOR_REQUIRED = new ErrorCode(15006, 403, "turn on two-factor authentication first");
    ErrorCode TOTP_CODE_INVALID = new ErrorCode(15007, 400, "wrong or already used two-factor code");
    ErrorCode SMS_CODE_REQUIRED = new ErrorCode(15008, 400, "an SMS confirmation code is required for this amount");
    ErrorCode ADDRESS_NOT_IN_BOOK = new ErrorCode(15009, 400, "add the address to your address book first");
    ErrorCode ADDRESS_COOLING_DOWN = new ErrorCode(15010, 400, "this address was added recently: it can be used after its cool-down");
    ErrorCode INSUFFICIENT_BALANCE = new ErrorCode(15011, 409, "insufficient balance for amount and fee");
    ErrorCode WITHDRAWAL_NOT_FOUND = new ErrorCode(15012, 404, "withdrawal not found");
    ErrorCode WITHDRAWAL_NOT_IN_REVIEW = new ErrorCode(15013, 409, "withdrawal is not waiting for review");
    ErrorCode ADDRESS_ALREADY_IN_BOOK = new ErrorCode(15014, 409, "address already in the address book");
    ErrorCode ADDRESS_BOOK_ENTRY_NOT_FOUND = new ErrorCode(15015, 404, "address book entry not found");
    ErrorCode RECIPIENT_NOT_FOUND = new ErrorCode(15016, 404, "recipient not found");
    ErrorCode TRANSFER_TO_SELF = new ErrorCode(15017, 400, "cannot transfer to yourself");
    ErrorCode TRANSFER_NO_REUSED = new ErrorCode(15018, 409, "transferNo already used for a different transfer");
    ErrorCode DEPENDENCY_UNAVAILABLE = new ErrorCode(15019, 503, "a service the wallet needs did not answer; try again");
    ErrorCode ACCOUNT_FROZEN = new ErrorCode(15020, 403, "account frozen");
    ErrorCode RECIPIENT_REQUIRED = new ErrorCode(15021, 400, "give exactly one of toUserId and toPhone");
    ErrorCode TRANSFER_NOT_FOUND = new ErrorCode(15022, 404, "transfer not found");
    ErrorCode TWO_FACTOR_LOCKED = new ErrorCode(15023, 423, "too many wrong two-factor codes: two-factor is locked for a while");
    ErrorCode ADDRESS_OF_THIS_PLATFORM = new ErrorCode(15024, 400, "an address of this platform: use an internal transfer");
}
