package io.apay.gateway.security;

import java.util.List;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/** The largest body a request may have: the upload limit on upload paths, the normal limit elsewhere. */
public record BodyLimits(int normal, int upload, List<PathPattern> uploadPaths) {

    public int of(ServerWebExchange exchange) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        return uploadPaths.stream().anyMatch(p -> p.matches(path)) ? upload : normal;
    }
}
