package io.apay.common.web.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.security.MeshAuth;
import io.apay.common.core.trace.TraceIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A service answers only the mesh: every request (app, admin, merchant, rpc, cashier, files, the monitor's
 * WebSocket upgrade) must carry the gateway's or a calling service's {@link MeshAuth} credential over its method,
 * path and {@code X-Apay-*} identity headers, else 401 and nothing else happens. So a service reached directly,
 * through a network mistake, neither serves its internal routes nor believes forged identity headers. Open: the
 * health, metrics and API-docs endpoints that probes, Prometheus and the gateway's Swagger UI read.
 */
public class MeshAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MeshAuthFilter.class);
    private static final List<String> OPEN_PREFIXES = List.of("/actuator/", "/v3/api-docs", "/swagger-ui");

    private final MeshAuth mesh;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public MeshAuthFilter(MeshAuth mesh, Clock clock) {
        this.mesh = mesh;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isOpen(request)) {
            chain.doFilter(request, response);
            return;
        }
        MeshAuth.Result result = mesh.verify(request.getHeader(MeshAuth.HEADER), clock.millis(), request.getMethod(),
                request.getRequestURI(), headers(request));
        if (result == MeshAuth.Result.VALID) {
            chain.doFilter(request, response);
            return;
        }
        ErrorCode code = result == MeshAuth.Result.MISSING
                ? CommonErrorCodes.MESH_CREDENTIAL_MISSING : CommonErrorCodes.MESH_CREDENTIAL_INVALID;
        log.warn("refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(), code.message());
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), ApiResult.error(code, null, null, TraceIds.current()));
    }

    /** Decided on the container's decoded, normalised path, so "/actuator/../rpc-api/..." is not open. */
    private static boolean isOpen(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals("/actuator")) {
            return true;
        }
        for (String prefix : OPEN_PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (MeshAuth.isSigned(name)) {
                headers.put(name, Collections.list(request.getHeaders(name)));
            }
        }
        return headers;
    }
}
