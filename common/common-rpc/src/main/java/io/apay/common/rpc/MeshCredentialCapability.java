package io.apay.common.rpc;

import feign.Capability;
import feign.Client;
import feign.Request;
import io.apay.common.core.security.MeshAuth;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the calling service's mesh credential ({@link MeshAuth}) on every Feign call, so the remote serves its
 * {@code /rpc-api} route. It signs each request as it goes to the wire - every attempt of a retried call, after
 * every interceptor - over its final URL and headers: a {@code RequestInterceptor} would see the request template,
 * whose path a retry reads back as the absolute URL of the first attempt.
 */
public class MeshCredentialCapability implements Capability {

    private final MeshAuth mesh;

    public MeshCredentialCapability(MeshAuth mesh) {
        this.mesh = mesh;
    }

    @Override
    public Client enrich(Client client) {
        return (request, options) -> client.execute(signed(request), options);
    }

    Request signed(Request request) {
        Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<String>> covered = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(MeshAuth.HEADER)) {
                headers.put(name, values);
                covered.put(name, new ArrayList<>(values));
            }
        });
        String credential = mesh.sign(System.currentTimeMillis(), request.httpMethod().name(), rawPath(request.url()), covered);
        headers.put(MeshAuth.HEADER, List.of(credential));
        return Request.create(request.httpMethod(), request.url(), headers, request.body(), request.charset(),
                request.requestTemplate());
    }

    /** The path the remote receives, as sent (still percent-encoded). */
    static String rawPath(String url) {
        String path = URI.create(url).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}
