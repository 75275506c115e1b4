package io.apay.common.web.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.security.MeshAuth;
import io.apay.common.core.trace.TraceIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
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
 * A service answers only the mesh: every request to its API prefixes (app, admin, merchant, rpc, the monitor's
 * WebSocket) must carry the gateway's or a calling service's {@link MeshAuth} credential over its method, path and
 * {@code X-Apay-*} identity headers, else 401 and nothing else happens; so does any other request that carries an
 * identity header. So a service reached directly, through a network mistake, neither serves its internal routes
 * nor believes forged identity headers. Open as before: health, metrics, API docs (probes, Prometheus, the
 * gateway's Swagger UI), and the cashier page and file links, which carry their own tokens and no identity.
 *
 * <p>Path and peer are the container's own: services do not read X-Forwarded-* ({@code apay-defaults/web.yml}),
 * and if one did, a forwarded prefix still could not re-aim a credential made for another path.
 */
public class MeshAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MeshAuthFilter.class);
    private static final List<String> GUARDED_PREFIXES = List.of("/app-api", "/admin-api", "/merchant-api", "/rpc-api", "/ws");

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
        Map<String, List<String>> identity = identityHeaders(request);
        // the request as the container received it: a wrapper (Spring's ForwardedHeaderFilter) could make the path
        // "X-Forwarded-Prefix + path" and the address the client's X-Forwarded-For, while MVC routes on the real path
        HttpServletRequest received = received(request);
        if (!isGuarded(received) && identity.isEmpty() && request.getHeader(MeshAuth.HEADER) == null) {
            chain.doFilter(request, response);
            return;
        }
        MeshAuth.Result result = mesh.verify(request.getHeader(MeshAuth.HEADER), clock.millis(), request.getMethod(),
                received.getRequestURI(), identity);
        if (result == MeshAuth.Result.VALID) {
            chain.doFilter(request, response);
            return;
        }
        ErrorCode code = result == MeshAuth.Result.MISSING
                ? CommonErrorCodes.MESH_CREDENTIAL_MISSING : CommonErrorCodes.MESH_CREDENTIAL_INVALID;
        log.warn("refused {} {} from {}: {}", request.getMethod(), received.getRequestURI(), received.getRemoteAddr(), code.message());
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), ApiResult.error(code, null, null, TraceIds.current()));
    }

    private static HttpServletRequest received(HttpServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner instanceof HttpServletRequest http ? http : request;
    }

    /** Decided on the container's decoded, normalised path, so "/actuator/../rpc-api/..." is guarded too. */
    private static boolean isGuarded(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        for (String prefix : GUARDED_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<String>> identityHeaders(HttpServletRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (MeshAuth.isSigned(name)) {
                headers.put(name, Collections.list(request.getHeaders(name)));
            }
        }
        return headers;
    }
}
