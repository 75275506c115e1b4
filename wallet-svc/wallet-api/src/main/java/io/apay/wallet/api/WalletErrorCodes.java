package io.apay.wallet.api;

/** Error codes of wallet-svc, range {@link io.apay.common.core.error.ErrorCodeRange#WALLET}. */
public interface WalletErrorCodes {
}
