package io.apay.gateway.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.core.security.IdentityHeaders;
import io.apay.gateway.GatewayErrorCodes;
import io.apay.gateway.error.GatewayErrorHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.redisson.api.RBucketReactive;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * The seed's idempotency token, for every mutating app request: the {@code Idempotency-Key} header's state lives
 * in Redis for {@link #TTL}, pending while the first request runs, then consumed with its response. A repeat with
 * the same key and the same request gets that response byte for byte (marked {@code Idempotent-Replayed: true});
 * the same key with another request gets 422; a repeat while the first is still running gets 409. A request
 * refused before it had any effect (a 400/401/403/404/405/413/415/429 or an unreachable service) frees its key.
 * Keys are scoped to the operator or logged-in user (or, on public routes, to the app, else the client address).
 * An answer over {@link #MAX_KEPT_BODY} is passed through unkept; a repeat of its key gets 409 (11093).
 *
 * <p>Every entry is stored encrypted with the data key ({@link SecretCipher}, bound to its Redis key): answers
 * carry login and session tokens, activation codes, TOTP seeds and device and app-client secrets, and the request
 * fingerprint is a digest of a body that may hold a password. No list of "secret" endpoints to keep up to date.
 *
 * <p>Once forwarded, the request runs to its end even if the client hangs up (the proxied exchange is not tied to
 * the client's connection), and its outcome is recorded when the service answers: a repeat of the key then gets
 * that answer instead of running the request a second time.
 */
public class IdempotencyFilter implements GatewayFilter, Ordered {

    public static final int ORDER = LoginTokenFilter.ORDER + 20;
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final Duration TTL = Duration.ofMinutes(5);
    /** The largest answer kept for a replay; a larger one is passed through and its key kept as run (11093). */
    static final int MAX_KEPT_BODY = 1024 * 1024;
    /** Recording an outcome: 5 more tries over about 3 s (0.1, 0.2, 0.4, 0.8, 1.6 s, with jitter). */
    private static final Retry RECORD_RETRY = Retry.backoff(5, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2));

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Set<HttpMethod> MUTATING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    /** Answers that mean the request had no effect, so the key may be used again. */
    private static final Set<Integer> NO_EFFECT = Set.of(400, 401, 403, 404, 405, 413, 415, 429, 503);
    private static final Set<String> VOLATILE_PARAMS = Set.of("sign", "timestamp", "nonce");

    /** What Redis keeps under a key. */
    record Entry(String state, String fingerprint, Integer status, String contentType, String body) {
        static final String PENDING = "pending";
        static final String CONSUMED = "consumed";
    }

    private final RedissonReactiveClient redis;
    private final RedisKeys keys;
    private final GatewayErrorHandler errors;
    private final ObjectMapper mapper = new ObjectMapper();
    private final BodyLimits bodyLimits;
    private final SecretCipher cipher;

    public IdempotencyFilter(RedissonReactiveClient redis, RedisKeys keys, GatewayErrorHandler errors, BodyLimits bodyLimits,
                             SecretCipher cipher) {
        this.redis = redis;
        this.keys = keys;
        this.errors = errors;
        this.bodyLimits = bodyLimits;
        this.cipher = cipher;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!MUTATING.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (key == null) {
            return Mono.error(new ServiceException(GatewayErrorCodes.IDEMPOTENCY_KEY_MISSING));
        }
        if (!KEY.matcher(key).matches()) {
            return Mono.error(new ServiceException(GatewayErrorCodes.IDEMPOTENCY_KEY_MALFORMED));
        }
        return CachedBody.cache(exchange, bodyLimits.of(exchange)).flatMap(cached -> {
            RBucketReactive<String> bucket = redis.getBucket(keys.key("idem", scope(cached.getRequest()), key), StringCodec.INSTANCE);
            String fingerprint = fingerprint(cached);
            // from the claim on, nothing is left half-done when the client hangs up: a key claimed is run and recorded
            return detached(bucket.setIfAbsent(seal(bucket, new Entry(Entry.PENDING, fingerprint, null, null, null)), TTL)
                    .flatMap(claimed -> claimed
                            ? run(cached, chain, bucket, fingerprint)
                            : bucket.get().map(Optional::of).defaultIfEmpty(Optional.empty())
                                    // gone between the two calls: its request just finished and freed it; ask to retry
                                    .flatMap(existing -> existing.isEmpty()
                                            ? Mono.error(new ServiceException(GatewayErrorCodes.IDEMPOTENCY_IN_PROGRESS))
                                            : answerRepeat(cached, open(bucket, existing.get()), fingerprint))));
        });
    }

    /**
     * The claimed request, run apart from the client's subscription: a client that hangs up cancels only its wait
     * for the answer, not the call to the service, so the outcome is still recorded when the service answers.
     */
    private static Mono<Void> detached(Mono<Void> forwarded) {
        return Mono.deferContextual(context -> {
            Sinks.One<Void> outcome = Sinks.one();
            // its own subscription: cancelling the sink's subscriber (the client) leaves it running; an error after
            // the client left stays in the sink instead of being reported as dropped
            forwarded.contextWrite(context).subscribe(null, outcome::tryEmitError, outcome::tryEmitEmpty);
            return outcome.asMono();
        });
    }

    private Mono<Void> run(ServerWebExchange exchange, GatewayFilterChain chain, RBucketReactive<String> bucket, String fingerprint) {
        ServerHttpResponse original = exchange.getResponse();
        // the first outcome is the one kept: an error after the answer was recorded (writing to a client that has
        // gone) must not replace it
        AtomicBoolean recorded = new AtomicBoolean();
        ServerHttpResponseDecorator recording = new ServerHttpResponseDecorator(original) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                // held in memory only up to MAX_KEPT_BODY: the first batch ends at the buffer that crosses it, or
                // is the whole answer
                AtomicLong seen = new AtomicLong();
                return Flux.from(body).<DataBuffer>map(b -> b)
                        .bufferUntil(b -> seen.addAndGet(b.readableByteCount()) > MAX_KEPT_BODY)
                        .switchOnFirst((first, batches) -> seen.get() > MAX_KEPT_BODY
                                // too large to keep: recorded as run without a replayable answer, passed through
                                ? finish(recorded, bucket, fingerprint, statusOf(original), contentType(original), null)
                                        .then(super.writeWith(batches.concatMapIterable(b -> b)))
                                : keep(batches.concatMapIterable(b -> b)))
                        .then();
            }

            private Mono<Void> keep(Flux<DataBuffer> body) {
                return DataBufferUtils.join(body).defaultIfEmpty(original.bufferFactory().wrap(new byte[0]))
                        .flatMap(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return finish(recorded, bucket, fingerprint, statusOf(original), contentType(original), bytes)
                                    .then(super.writeWith(Mono.just(original.bufferFactory().wrap(bytes)))
                                            // recorded already: a client that hung up just does not get it now
                                            .onErrorResume(e -> {
                                                log.debug("answer recorded but not delivered: {}", e.toString());
                                                return Mono.empty();
                                            }));
                        });
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return writeWith(Flux.from(body).flatMapSequential(p -> p));
            }

            @Override
            public Mono<Void> setComplete() {
                return finish(recorded, bucket, fingerprint, statusOf(original), contentType(original), new byte[0]).then(super.setComplete());
            }
        };
        return chain.filter(exchange.mutate().response(recording).build())
                .onErrorResume(error -> {
                    GatewayErrorHandler.ErrorReply reply = errors.describe(exchange, error);
                    return finish(recorded, bucket, fingerprint, reply.status(), MediaType.APPLICATION_JSON_VALUE, reply.body())
                            .then(Mono.error(error));
                });
    }

    /** Records the outcome once; a null body means the request ran but its answer is not kept. */
    private Mono<Void> finish(AtomicBoolean recorded, RBucketReactive<String> bucket, String fingerprint, int status,
                              String contentType, byte[] body) {
        if (!recorded.compareAndSet(false, true)) {
            return Mono.empty();
        }
        Mono<?> done = NO_EFFECT.contains(status) ? bucket.delete()
                : bucket.set(seal(bucket, new Entry(Entry.CONSUMED, fingerprint, status, contentType,
                        body == null ? null : Base64.getEncoder().encodeToString(body))), TTL);
        // a Redis blip must not leave the key pending (409 for the TTL, then the request could run again)
        return done.retryWhen(RECORD_RETRY).onErrorResume(e -> {
            log.error("idempotency outcome of {} not saved after retries: {}", bucket.getName(), rootCause(e).toString());
            return Mono.empty();
        }).then();
    }

    private Mono<Void> answerRepeat(ServerWebExchange exchange, Entry entry, String fingerprint) {
        if (!entry.fingerprint().equals(fingerprint)) {
            return Mono.error(new ServiceException(GatewayErrorCodes.IDEMPOTENCY_KEY_REUSED));
        }
        if (!Entry.CONSUMED.equals(entry.state())) {
            return Mono.error(new ServiceException(GatewayErrorCodes.IDEMPOTENCY_IN_PROGRESS));
        }
        if (entry.body() == null) {
            // it ran, but its answer was too large to keep: running it again is not an option either
            return Mono.error(new ServiceException(GatewayErrorCodes.IDEMPOTENCY_ANSWER_NOT_KEPT));
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(entry.status()));
        if (entry.contentType() != null) {
            response.getHeaders().set("Content-Type", entry.contentType());
        }
        response.getHeaders().set(REPLAYED_HEADER, "true");
        byte[] body = Base64.getDecoder().decode(entry.body());
        return body.length == 0 ? response.setComplete() : response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** Two requests are "the same" when method, path, query (less sign, timestamp, nonce) and body are equal. */
    static String fingerprint(ServerWebExchange exchange) {
        ServerHttpRequest r = exchange.getRequest();
        Map<String, String> params = CanonicalRequest.parameters(r.getURI().getRawQuery(), null, new byte[0]);
        VOLATILE_PARAMS.forEach(params::remove);
        String text = r.getMethod().name() + "\n" + r.getPath().value() + "\n" + CanonicalRequest.canonicalString(params)
                + "\n" + AppSignatureFilter.sha256Hex(CachedBody.of(exchange));
        return AppSignatureFilter.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String scope(ServerHttpRequest request) {
        String operator = request.getHeaders().getFirst(IdentityHeaders.OPERATOR_ID);
        if (operator != null) {
            return "operator:" + operator;
        }
        String user = request.getHeaders().getFirst(IdentityHeaders.USER_ID);
        if (user != null) {
            return "user:" + user;
        }
        String app = request.getHeaders().getFirst(IdentityHeaders.APP_KEY_ID);
        return app != null ? "app:" + app : "ip:" + request.getHeaders().getFirst(IdentityHeaders.CLIENT_IP);
    }

    private static Throwable rootCause(Throwable e) {
        return Exceptions.isRetryExhausted(e) && e.getCause() != null ? e.getCause() : e;
    }

    private static int statusOf(ServerHttpResponse response) {
        return response.getStatusCode() == null ? 200 : response.getStatusCode().value();
    }

    private static String contentType(ServerHttpResponse response) {
        return response.getHeaders().getFirst("Content-Type");
    }

    /** The entry as stored: encrypted, bound to its own Redis key (an entry copied to another key does not open). */
    private String seal(RBucketReactive<String> bucket, Entry entry) {
        try {
            return cipher.encrypt(mapper.writeValueAsString(entry), bucket.getName());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Entry open(RBucketReactive<String> bucket, String stored) {
        try {
            // only what this gateway sealed opens: a plain entry could have been planted by anyone who writes Redis
            return mapper.readValue(cipher.decrypt(stored, bucket.getName()), Entry.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("unreadable idempotency entry", e);
        }
    }
}
