package io.apay.common.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.trace.TraceIds;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;

/** The error envelope written by a servlet filter that refuses a request before Spring MVC sees it. */
public final class ErrorResponses {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorResponses() {
    }

    /** {@code message}: null for the code's own message. */
    public static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        MAPPER.writeValue(response.getOutputStream(), ApiResult.error(code, message, null, TraceIds.current()));
    }
}
