package io.apay.common.web.error;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.trace.TraceIds;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors that never reach a controller (a filter's failure, the servlet container's 404) are rendered by Boot's
 * /error endpoint; this makes that body the same envelope, without Boot's "exception", "message" or "trace".
 */
public class EnvelopeErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Object status = request.getAttribute("jakarta.servlet.error.status_code", RequestAttributes.SCOPE_REQUEST);
        ErrorCode code = forStatus(status instanceof Integer i ? i : 500);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.code());
        body.put("message", code.message());
        String traceId = TraceIds.current();
        if (traceId == null) {
            Object attr = request.getAttribute(TraceIds.MDC_KEY, RequestAttributes.SCOPE_REQUEST);
            traceId = attr == null ? null : attr.toString();
        }
        if (traceId != null) {
            body.put("traceId", traceId);
        }
        return body;
    }

    /**
     * Every 5xx is 10500: what reaches here was not answered by the service's own code (a servlet the container
     * cannot run, a failure outside the controllers), so the service is unwell and a caller's circuit breaker must
     * count it. 10503 is only what the service's code throws (a dependency it cannot reach), which it does not.
     */
    static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> CommonErrorCodes.MALFORMED_REQUEST;
            case 401 -> CommonErrorCodes.UNAUTHORIZED;
            case 403 -> CommonErrorCodes.FORBIDDEN;
            case 404 -> CommonErrorCodes.NOT_FOUND;
            case 405 -> CommonErrorCodes.METHOD_NOT_ALLOWED;
            case 406 -> CommonErrorCodes.NOT_ACCEPTABLE;
            case 413 -> CommonErrorCodes.PAYLOAD_TOO_LARGE;
            case 415 -> CommonErrorCodes.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> CommonErrorCodes.TOO_MANY_REQUESTS;
            default -> CommonErrorCodes.INTERNAL_ERROR;
        };
    }
}
