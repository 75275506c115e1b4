package io.apay.gateway.security;

import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.core.security.IdentityHeaders;
import io.apay.gateway.GatewayErrorCodes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The app request signature (docs/app-signature.md), checked on every app route before anything else:
 * {@code sign = hex(HMAC-SHA256(secret, canonical string))} over the method, the path, the query and the body's
 * fields ({@link CanonicalRequest}), with
 * {@code appKey}, a {@code timestamp} within {@link #WINDOW} of the server's clock and a single-use {@code nonce}.
 * A body is also bound by {@code contentSha256}, so a changed body is told apart from a changed query.
 * The checks run in a fixed order so each failure has its own code.
 */
public class AppSignatureFilter implements GatewayFilter, Ordered {

    /**
     * App-route filters run before Spring Cloud Gateway's NettyWriteResponseFilter (order -1): the idempotency
     * filter must see the response it writes.
     */
    public static final int ORDER = -40;
    static final Duration WINDOW = Duration.ofSeconds(300);
    private static final Pattern SIGN = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,15}");

    private final AppCredentials credentials;
    private final RedissonReactiveClient redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final BodyLimits bodyLimits;

    public AppSignatureFilter(AppCredentials credentials, RedissonReactiveClient redis, RedisKeys keys, Clock clock, BodyLimits bodyLimits) {
        this.credentials = credentials;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.bodyLimits = bodyLimits;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return CachedBody.cache(exchange, bodyLimits.of(exchange)).flatMap(cached -> verify(cached).flatMap(appKey -> {
            ServerHttpRequest request = cached.getRequest().mutate()
                    .headers(h -> h.set(IdentityHeaders.APP_KEY_ID, appKey)).build();
            return chain.filter(cached.mutate().request(request).build());
        }));
    }

    /** All checks; the verified app key id on success. */
    Mono<String> verify(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        byte[] body = CachedBody.of(exchange);
        Map<String, String> params;
        try {
            params = CanonicalRequest.parameters(request.getURI().getRawQuery(), request.getHeaders().getFirst("Content-Type"), body);
        } catch (ServiceException e) {
            return Mono.error(e);
        }
        String appKey = params.get("appKey");
        if (appKey == null || appKey.isBlank()) {
            return Mono.error(new ServiceException(GatewayErrorCodes.APP_KEY_UNKNOWN));
        }
        String sign = params.get("sign");
        if (sign == null || sign.isEmpty()) {
            return Mono.error(new ServiceException(GatewayErrorCodes.SIGNATURE_MISSING));
        }
        if (!SIGN.matcher(sign).matches()) {
            return Mono.error(new ServiceException(GatewayErrorCodes.SIGNATURE_MALFORMED));
        }
        ErrorCode stale = freshnessError(params, body, clock);
        if (stale != null) {
            return Mono.error(new ServiceException(stale));
        }
        String nonce = params.get("nonce");
        byte[] canonical = CanonicalRequest.canonicalString(request.getMethod().name(), request.getURI().getRawPath(), params)
                .getBytes(StandardCharsets.UTF_8);
        byte[] presented = sign.getBytes(StandardCharsets.US_ASCII);
        return credentials.secretsOf(appKey).flatMap(secrets -> {
            if (!matchesAny(secrets, canonical, presented)) {
                // an app still on the retired form learns why, instead of a bare mismatch; it is refused all the same
                boolean retired = matchesAny(secrets, CanonicalRequest.retiredCanonicalString(params).getBytes(StandardCharsets.UTF_8), presented);
                return Mono.error(new ServiceException(retired ? GatewayErrorCodes.SIGNATURE_RETIRED_FORM : GatewayErrorCodes.SIGNATURE_MISMATCH));
            }
            // only a genuine request spends its nonce, so nobody can burn another app's nonces
            return spendNonce(redis, keys.key("nonce", appKey, nonce), appKey);
        });
    }

    /**
     * The checks the app and the merchant signatures share, in this order: the timestamp within {@link #WINDOW},
     * the nonce's form, and for a body its declared SHA-256. The first failure's code, or null.
     */
    static ErrorCode freshnessError(Map<String, String> params, byte[] body, Clock clock) {
        String timestamp = params.get("timestamp");
        if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches()
                || Math.abs(clock.millis() - Long.parseLong(timestamp)) > WINDOW.toMillis()) {
            return GatewayErrorCodes.TIMESTAMP_INVALID;
        }
        String nonce = params.get("nonce");
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            return GatewayErrorCodes.NONCE_INVALID;
        }
        if (body.length > 0) {
            String declared = params.get("contentSha256");
            if (declared == null) {
                return GatewayErrorCodes.BODY_DIGEST_MISSING;
            }
            if (!MessageDigest.isEqual(sha256Hex(body).getBytes(StandardCharsets.US_ASCII), declared.getBytes(StandardCharsets.US_ASCII))) {
                return GatewayErrorCodes.BODY_DIGEST_MISMATCH;
            }
        }
        return null;
    }

    /** Spends a verified request's nonce (kept for twice the window): {@code result}, or NONCE_REUSED for a replay. */
    static <T> Mono<T> spendNonce(RedissonReactiveClient redis, String nonceKey, T result) {
        return redis.getBucket(nonceKey, StringCodec.INSTANCE).setIfAbsent("1", WINDOW.multipliedBy(2))
                .flatMap(fresh -> fresh ? Mono.just(result) : Mono.error(new ServiceException(GatewayErrorCodes.NONCE_REUSED)));
    }

    private static boolean matchesAny(List<byte[]> secrets, byte[] canonical, byte[] presented) {
        boolean match = false;
        for (byte[] secret : secrets) {
            match |= MessageDigest.isEqual(hmacHex(secret, canonical).getBytes(StandardCharsets.US_ASCII), presented);
        }
        return match;
    }

    static String hmacHex(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
