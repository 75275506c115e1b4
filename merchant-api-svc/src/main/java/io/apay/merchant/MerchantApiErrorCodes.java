package io.apay.merchant;

/** Error codes of merchant-api-svc, range {@link io.apay.common.core.error.ErrorCodeRange#MERCHANT}. */
public interface MerchantApiErrorCodes {
}
