package io.apay.common.web.security;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.security.MeshAuth;
import io.apay.common.web.error.ErrorResponses;
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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A service answers only the mesh: every request must carry the gateway's or a calling service's {@link MeshAuth}
 * credential over its method, path and {@code X-Apay-*} identity headers, else 401 and nothing else happens. So a
 * service reached directly, through a network mistake, neither serves its routes nor believes forged identity
 * headers. Closed by default, so a new controller is guarded wherever it is mapped; open by name only (and only
 * without identity headers): health and metrics (probes, Prometheus), the API docs and Swagger UI (the gateway's
 * aggregated UI), the cashier page, its assets and its order lookup (otc-svc; their own unguessable token), and
 * signed file links (their own signature). {@code /error} is never requested directly: the container dispatches
 * to it, which this filter (REQUEST dispatch only) does not see.
 *
 * <p>Path and peer are the container's own: services do not read X-Forwarded-* ({@code apay-defaults/web.yml}),
 * and if one did, a forwarded prefix still could not re-aim a credential made for another path.
 */
public class MeshAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MeshAuthFilter.class);
    /** Paths served without a credential: each one and everything under it. */
    private static final List<String> OPEN_PREFIXES = List.of("/actuator", "/v3/api-docs", "/swagger-ui", "/cashier", "/files");
    private static final List<String> OPEN_PATHS = List.of("/swagger-ui.html");

    private final MeshAuth mesh;
    private final Clock clock;

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
        if (isOpen(received) && identity.isEmpty() && request.getHeader(MeshAuth.HEADER) == null) {
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
        ErrorResponses.write(response, code, null);
    }

    private static HttpServletRequest received(HttpServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner instanceof HttpServletRequest http ? http : request;
    }

    /**
     * Open only if both the container's decoded, normalised path and the raw path as sent are: so neither
     * "/actuator/../rpc-api/..." nor "/rpc-api/x/..;/../../cashier" (normalised to an open path while a route
     * pattern may match the raw one) is.
     */
    private static boolean isOpen(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return isOpen(path) && isOpen(request.getRequestURI());
    }

    private static boolean isOpen(String path) {
        if (OPEN_PATHS.contains(path)) {
            return true;
        }
        for (String prefix : OPEN_PREFIXES) {
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
