package io.apay.wealth.api;

/** Error codes of wealth-svc, range {@link io.apay.common.core.error.ErrorCodeRange#WEALTH}. */
public interface WealthErrorCodes {
}
