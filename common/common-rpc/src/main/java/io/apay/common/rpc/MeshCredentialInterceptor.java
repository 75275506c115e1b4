package io.apay.common.rpc;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import feign.Target;
import io.apay.common.core.security.MeshAuth;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;

/**
 * Puts the calling service's mesh credential ({@link MeshAuth}) on every Feign call, so the remote serves its
 * {@code /rpc-api} route. Runs after every other interceptor: the credential covers the headers they add.
 */
public class MeshCredentialInterceptor implements RequestInterceptor, Ordered {

    private final MeshAuth mesh;

    public MeshCredentialInterceptor(MeshAuth mesh) {
        this.mesh = mesh;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void apply(RequestTemplate template) {
        Map<String, List<String>> headers = new HashMap<>();
        template.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        template.removeHeader(MeshAuth.HEADER);
        template.header(MeshAuth.HEADER, mesh.sign(System.currentTimeMillis(), template.method(), rawPath(template), headers));
    }

    /** The path the remote receives: the target's base path (a client's {@code path}) and the method's. */
    static String rawPath(RequestTemplate template) {
        Target<?> target = template.feignTarget();
        String base = target == null ? null : URI.create(target.url()).getRawPath();
        String path = (base == null ? "" : base) + template.path();
        return path.isEmpty() ? "/" : path;
    }
}
