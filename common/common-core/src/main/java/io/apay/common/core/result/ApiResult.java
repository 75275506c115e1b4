package io.apay.common.core.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;

/**
 * The one response envelope of every apay endpoint: {@code {"code":0,"message":"ok","data":...}}.
 * {@code code} is 0 on success, otherwise the numeric error code; {@code traceId} is set on errors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResult<T>(int code, String message, T data, String traceId) {

    public static final int SUCCESS = 0;

    public static <T> ApiResult<T> ok(T data) {
        return new ApiResult<>(SUCCESS, "ok", data, null);
    }

    public static ApiResult<Void> ok() {
        return new ApiResult<>(SUCCESS, "ok", null, null);
    }

    public static <T> ApiResult<T> error(ErrorCode errorCode, String message, T data, String traceId) {
        return new ApiResult<>(errorCode.code(), message != null ? message : errorCode.message(), data, traceId);
    }

    @JsonIgnore
    public boolean isSuccess() {
        return code == SUCCESS;
    }

    /**
     * The data of a successful result. Feign callers normally never see a failed envelope (the error decoder
     * throws first), so a failure here means a remote answered 2xx with an error code: treat it as an error.
     */
    @JsonIgnore
    public T checkedData() {
        if (!isSuccess()) {
            throw new ServiceException(new ErrorCode(code, 502, message));
        }
        return data;
    }
}
