package io.apay.gateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.ApiResult;
import io.apay.gateway.config.AccessLogConfig;
import io.apay.gateway.filter.TraceIdWebFilter;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's global error handler: every error (no route, a filter's rejection, a service that is down or
 * slow) answers the same JSON envelope as the services do, with a numeric code and the trace id, never a stack
 * trace or exception text.
 */
@Order(-2)
public class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ObjectMapper mapper;

    public GatewayErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The status and exact body the gateway answers an error with. */
    public record ErrorReply(int status, byte[] body) {
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        ErrorReply reply = describe(exchange, ex);
        response.setStatusCode(HttpStatus.valueOf(reply.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(reply.body());
        return response.writeWith(Mono.just(buffer));
    }

    /** The request's path as a log may show it (a cashier token masked, as in the access log). */
    private static String logged(ServerWebExchange exchange) {
        return AccessLogConfig.target(exchange.getRequest().getPath().value());
    }

    /** Maps any error to its envelope; logs what a client must not see. */
    public ErrorReply describe(ServerWebExchange exchange, Throwable ex) {
        String traceId = TraceIdWebFilter.traceId(exchange);
        ErrorCode code;
        String message = null;
        if (ex instanceof ServiceException se) {
            code = se.errorCode();
            message = se.clientMessage();
        } else if (ex instanceof ResponseStatusException rse) {
            code = forStatus(rse.getStatusCode());
            if (code == CommonErrorCodes.INTERNAL_ERROR) {
                log.error("gateway error [{}] {} {}", traceId, logged(exchange), ex.toString());
            }
        } else if (hasCause(ex, ConnectException.class)) {
            code = CommonErrorCodes.SERVICE_UNAVAILABLE;
            log.warn("upstream unreachable [{}] {}: {}", traceId, logged(exchange), ex.toString());
        } else if (hasCause(ex, TimeoutException.class)) {
            code = CommonErrorCodes.UPSTREAM_TIMEOUT;
            log.warn("upstream timeout [{}] {}", traceId, logged(exchange));
        } else if (hasCause(ex, IOException.class)) {
            // the service's connection broke (reset, closed early) after the request went out: it may or may not
            // have acted on it, which is what 10504 tells the client (retry with the same idempotency key)
            code = CommonErrorCodes.UPSTREAM_TIMEOUT;
            log.warn("upstream connection lost [{}] {}: {}", traceId, logged(exchange), ex.toString());
        } else {
            code = CommonErrorCodes.INTERNAL_ERROR;
            log.error("unexpected gateway error [{}] {}", traceId, logged(exchange), ex);
        }
        return new ErrorReply(code.httpStatus(), toJson(ApiResult.error(code, message, null, traceId)));
    }

    static ErrorCode forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> CommonErrorCodes.MALFORMED_REQUEST;
            case 401 -> CommonErrorCodes.UNAUTHORIZED;
            case 403 -> CommonErrorCodes.FORBIDDEN;
            case 404 -> CommonErrorCodes.NOT_FOUND;
            case 405 -> CommonErrorCodes.METHOD_NOT_ALLOWED;
            case 406 -> CommonErrorCodes.NOT_ACCEPTABLE;
            case 413 -> CommonErrorCodes.PAYLOAD_TOO_LARGE;
            case 415 -> CommonErrorCodes.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> CommonErrorCodes.TOO_MANY_REQUESTS;
            case 502, 503 -> CommonErrorCodes.SERVICE_UNAVAILABLE;
            case 504 -> CommonErrorCodes.UPSTREAM_TIMEOUT;
            default -> CommonErrorCodes.INTERNAL_ERROR;
        };
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private byte[] toJson(ApiResult<?> result) {
        try {
            return mapper.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            return ("{\"code\":" + result.code() + ",\"message\":\"error\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
