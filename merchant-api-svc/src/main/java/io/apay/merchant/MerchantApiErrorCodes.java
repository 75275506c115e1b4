package io.apay.merchant;

import io.apay.common.core.error.ErrorCode;

/** Error codes of merchant-api-svc, range {@link io.apay.common.core.error.ErrorCodeRange#MERCHANT}. */
public interface MerchantApiErrorCodes {
    ErrorCode MERCHANT_NOT_FOUND = new ErrorCode(20001, 404, "merchant not found");
    ErrorCode MERCHANT_NO_TAKEN = new ErrorCode(20002, 409, "merchant number taken");
    ErrorCode PUBLIC_KEY_INVALID = new ErrorCode(20003, 400, "publicKeyPem must be an RSA public key of at least 2048 bits in PEM (BEGIN PUBLIC KEY)");
    ErrorCode IP_WHITELIST_INVALID = new ErrorCode(20004, 400, "ipWhitelist must list IP addresses or CIDR blocks");
    ErrorCode MERCHANT_ALREADY_IN_STATE = new ErrorCode(20005, 409, "merchant is already in that state");
    ErrorCode PAYOUT_ADDRESSES_INVALID = new ErrorCode(20006, 400, "payoutAddresses lists the same network and address twice");
    ErrorCode PAYOUT_ADDRESS_NOT_WHITELISTED = new ErrorCode(20007, 403, "toAddress is not on the merchant's payout-address whitelist for this network");
    ErrorCode PAYOUT_NO_REUSED = new ErrorCode(20008, 409, "payoutNo was already used for a payout with another network, coin, toAddress, amount or notifyUrl");
    ErrorCode PAYOUT_NOT_FOUND = new ErrorCode(20009, 404, "payout not found");
    ErrorCode CALLBACK_NOT_FOUND = new ErrorCode(20010, 404, "callback delivery not found");
    ErrorCode REDELIVERY_NOT_SENT = new ErrorCode(20011, 409, "nothing was sent: another attempt of this callback is in flight, or it is a TEST callback (sent once only)");
}
