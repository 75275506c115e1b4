package io.apay.chainbridge.api;

import io.apay.common.core.error.ErrorCode;

/** Error codes of chain-bridge-svc, range {@link io.apay.common.core.error.ErrorCodeRange#CHAIN_BRIDGE}. */
public interface ChainBridgeErrorCodes {
    ErrorCode NETWORK_UNKNOWN = new ErrorCode(17001, 400, "unknown network");
    ErrorCode COIN_NOT_ON_NETWORK = new ErrorCode(17002, 400, "this coin is not carried on this network");
    ErrorCode ADDRESS_INVALID = new ErrorCode(17003, 400, "not a valid address of this network (format or checksum)");
    ErrorCode AMOUNT_SCALE = new ErrorCode(17004, 400, "amount has more decimals than the coin has on this network");
    ErrorCode DEPOSITS_NOT_CONFIGURED = new ErrorCode(17005, 400, "this network takes no deposits (no extended public key configured)");
    ErrorCode WITHDRAWALS_NOT_CONFIGURED = new ErrorCode(17006, 400, "this network sends nothing (no hot wallet configured)");
    ErrorCode PAGE_LIMIT = new ErrorCode(17007, 400, "limit must be between 1 and 1000");
    ErrorCode WITHDRAWAL_ID_REUSED = new ErrorCode(17010, 409, "withdrawalId already used for a different withdrawal");
    ErrorCode WITHDRAWAL_NOT_FOUND = new ErrorCode(17011, 404, "withdrawal not found");
    ErrorCode PLATFORM_ADDRESS = new ErrorCode(17012, 400,
            "this address is one of this platform's own (a deposit address or the hot wallet): nothing is sent there on chain");
    ErrorCode WITHDRAWAL_VOIDED = new ErrorCode(17013, 409, "this withdrawalId was voided: nothing is sent under it");
    ErrorCode NODE_UNAVAILABLE = new ErrorCode(17020, 503, "the chain node did not answer; try again");
}
