package io.apay.chainbridge.api;

/** Error codes of chain-bridge-svc, range {@link io.apay.common.core.error.ErrorCodeRange#CHAIN_BRIDGE}. */
public interface ChainBridgeErrorCodes {
}
