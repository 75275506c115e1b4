package io.apay.common.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.trace.TraceIds;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's own answers (a request it refuses before any servlet runs: an undecodable or non-normalised path, a
 * malformed request line, headers over the limit) in the JSON envelope instead of Tomcat's HTML page. Errors that
 * reach Spring already have their body (the global handler or /error); this answers only what nothing else did.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeErrorReportValve.class);
    private static final ObjectMapper MAPPER = ApayJackson.newMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = codeFor(status, throwable);
        String traceId = TraceIds.orNew(request.getHeader(TraceIds.HEADER));
        log.info("refused by the container [{}] status {} -> {}", traceId, status, code.code());
        try {
            byte[] body = MAPPER.writeValueAsBytes(ApiResult.error(code, null, null, traceId));
            // a 5xx keeps the container's status (a 503 says "not now"); its code is 10500 (forStatus)
            response.setStatus(status >= 500 ? status : code.httpStatus());
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader(TraceIds.HEADER, traceId);
            response.setContentLength(body.length);
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer has started: nothing more to send
        }
    }

    static ErrorCode codeFor(int status, Throwable throwable) {
        if (status == 400 && throwable instanceof IllegalArgumentException iae && iae.getMessage() != null
                && iae.getMessage().toLowerCase(java.util.Locale.ROOT).contains("header") && iae.getMessage().contains("large")) {
            return CommonErrorCodes.HEADERS_TOO_LARGE;
        }
        return switch (status) {
            case 414 -> CommonErrorCodes.URI_TOO_LONG;
            case 431 -> CommonErrorCodes.HEADERS_TOO_LARGE;
            default -> EnvelopeErrorAttributes.forStatus(status);
        };
    }
}
