package io.apay.push.server.websocket;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.security.IdentityHeaders;
import io.apay.common.core.trace.TraceIds;
import io.apay.push.api.dto.MonitorTicket;
import io.apay.push.server.service.device.DeviceService;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Admits a monitor only with the gateway's verified user (the acceptor, {@code X-Apay-User-Id}, from the login
 * token) and a signed handshake by one of that acceptor's active devices ({@code deviceId}, {@code ts}, {@code sig}
 * query parameters), or, through the gateway, the one-time ticket of the handshake it had push-svc check before the
 * upgrade. Anything else is answered with the error envelope and no socket is opened.
 */
@Component
public class MonitorHandshakeInterceptor implements HandshakeInterceptor {

    static final String DEVICE_ATTR = "apay.device";
    private static final Logger log = LoggerFactory.getLogger(MonitorHandshakeInterceptor.class);

    private final DeviceService devices;

    public MonitorHandshakeInterceptor(DeviceService devices) {
        this.devices = devices;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        String traceId = TraceIds.orNew(request.getHeaders().getFirst(TraceIds.HEADER));
        TraceIds.set(traceId);
        try {
            long acceptorId = acceptorId(request.getHeaders().getFirst(IdentityHeaders.USER_ID));
            MultiValueMap<String, String> q = queryParams(request.getURI());
            // through the gateway the handshake was checked (and spent) before the upgrade: redeem its ticket
            String ticket = request.getHeaders().getFirst(MonitorTicket.HEADER);
            attributes.put(DEVICE_ATTR, ticket != null
                    ? devices.redeem(acceptorId, q.getFirst("deviceId"), ticket)
                    : devices.authenticate(acceptorId, q.getFirst("deviceId"), q.getFirst("ts"), q.getFirst("sig")));
            return true;
        } catch (ServiceException e) {
            log.info("monitor handshake refused: {} (device {})", e.getMessage(),
                    UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("deviceId"));
            refuse(response, e.errorCode(), traceId);
            return false;
        } catch (RuntimeException e) { // the database or Redis is unreachable or overloaded: the app retries
            log.warn("monitor handshake failed: {}", e.toString());
            refuse(response, CommonErrorCodes.SERVICE_UNAVAILABLE, traceId);
            return false;
        } finally {
            TraceIds.clear();
        }
    }

    /**
     * The query parameters decoded as the gateway reads them when it has the handshake checked (UTF-8, {@code +} a
     * space, a malformed escape kept as sent), so an escaped {@code deviceId} is the same device in the check, the
     * ticket and here.
     */
    static MultiValueMap<String, String> queryParams(URI uri) {
        MultiValueMap<String, String> decoded = new LinkedMultiValueMap<>();
        UriComponentsBuilder.fromUri(uri).build().getQueryParams()
                .forEach((name, values) -> values.forEach(v -> decoded.add(decode(name), v == null ? null : decode(v))));
        return decoded;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static long acceptorId(String header) {
        try {
            long id = header == null ? 0 : Long.parseLong(header.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // the gateway only sets numeric ids: anything else did not come from it
        }
        throw new ServiceException(CommonErrorCodes.UNAUTHORIZED);
    }

    private static void refuse(ServerHttpResponse response, ErrorCode code, String traceId) throws IOException {
        response.setStatusCode(HttpStatus.valueOf(code.httpStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set(TraceIds.HEADER, traceId);
        response.getBody().write(Frames.MAPPER.writeValueAsBytes(ApiResult.error(code, null, null, traceId)));
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
