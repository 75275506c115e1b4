package io.apay.otc.api;

/** Error codes of otc-svc, range {@link io.apay.common.core.error.ErrorCodeRange#OTC}. */
public interface OtcErrorCodes {
}
