package io.apay.common.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.RetryableException;
import feign.codec.ErrorDecoder;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns a remote service's error envelope back into the same {@link ServiceException} (same code, status and
 * message), so a caller can react to {@code LedgerErrorCodes.INSUFFICIENT_BALANCE} as if the call were local.
 * A 503 of an idempotent call becomes retryable; any other unreadable error is a 502/503-style remote failure.
 */
public class RemoteErrorDecoder implements ErrorDecoder {

    private static final int MAX_BODY = 64 * 1024;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Exception decode(String methodKey, Response response) {
        ServiceException error = readEnvelope(response);
        if (response.status() == 503 && IdempotentRetryer.isIdempotent(response.request().httpMethod())) {
            return new RetryableException(503, "remote unavailable: " + methodKey, response.request().httpMethod(),
                    error, (Long) null, response.request());
        }
        return error;
    }

    private ServiceException readEnvelope(Response response) {
        int status = response.status();
        if (response.body() != null) {
            try (InputStream in = response.body().asInputStream()) {
                JsonNode body = mapper.readTree(in.readNBytes(MAX_BODY));
                if (body != null && body.hasNonNull("code") && body.get("code").asInt() > 0) {
                    int httpStatus = status >= 400 && status <= 599 ? status : 502;
                    String message = body.path("message").asText(null);
                    return new ServiceException(new ErrorCode(body.get("code").asInt(), httpStatus,
                            message == null ? "remote error" : message));
                }
            } catch (IOException | RuntimeException e) {
                // not our envelope: fall through to a generic remote failure
            }
        }
        return new ServiceException(status == 404 ? CommonErrorCodes.NOT_FOUND
                : status == 504 ? CommonErrorCodes.UPSTREAM_TIMEOUT : CommonErrorCodes.SERVICE_UNAVAILABLE);
    }
}
