package io.apay.gateway.security;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The request body, read once (at most {@code limit} bytes, else 413), kept on the exchange for every filter,
 * and replayed to the service. The reactive form of the seed's {@code HttpServletRequestWrapper}: a body stream
 * can only be read once, so whoever reads it must hand on a copy.
 */
public final class CachedBody {

    private static final String ATTRIBUTE = CachedBody.class.getName();
    private static final byte[] EMPTY = new byte[0];

    private CachedBody() {
    }

    /** The exchange with its body cached and replayable; reads it only the first time. */
    public static Mono<ServerWebExchange> cache(ServerWebExchange exchange, int limit) {
        if (exchange.getAttribute(ATTRIBUTE) != null) {
            return Mono.just(exchange);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), limit)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(EMPTY)
                .onErrorMap(DataBufferLimitException.class, e -> new ServiceException(CommonErrorCodes.PAYLOAD_TOO_LARGE))
                .map(bytes -> {
                    ServerHttpRequest replaying = new ServerHttpRequestDecorator(exchange.getRequest()) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return bytes.length == 0 ? Flux.empty()
                                    : Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
                        }
                    };
                    ServerWebExchange mutated = exchange.mutate().request(replaying).build();
                    mutated.getAttributes().put(ATTRIBUTE, bytes);
                    return mutated;
                });
    }

    /** The cached body of an exchange that went through {@link #cache}. */
    public static byte[] of(ServerWebExchange exchange) {
        byte[] bytes = exchange.getAttribute(ATTRIBUTE);
        if (bytes == null) {
            throw new IllegalStateException("body not cached: CachedBody.cache must run first");
        }
        return bytes;
    }
}
