package io.apay.gateway.security;

import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.core.security.IdentityHeaders;
import io.apay.gateway.GatewayErrorCodes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.redisson.api.RedissonReactiveClient;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * The merchant API's guard (docs/merchant-api.md): the merchant's IP whitelist, then its SHA256withRSA signature
 * ({@code X-Signature}, base64) over the same canonical string as the app signature ({@link CanonicalRequest}) -
 * method, path, query and JSON body fields,
 * {@code merchantNo}, a {@code timestamp} within 300 s, a single-use {@code nonce}, and {@code contentSha256} for a
 * body - verified with the merchant's registered public key (either key during a rotation).
 */
public class MerchantSignatureFilter implements GatewayFilter, Ordered {

    public static final int ORDER = AppSignatureFilter.ORDER;
    public static final String SIGNATURE_HEADER = "X-Signature";
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{40,1400}={0,2}");

    private final MerchantCredentialsClient credentials;
    private final RedissonReactiveClient redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final BodyLimits bodyLimits;
    private final List<PathPattern> publicPaths;

    public MerchantSignatureFilter(MerchantCredentialsClient credentials, RedissonReactiveClient redis, RedisKeys keys, Clock clock,
                                   BodyLimits bodyLimits, List<PathPattern> publicPaths) {
        this.credentials = credentials;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.bodyLimits = bodyLimits;
        this.publicPaths = publicPaths;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        if (publicPaths.stream().anyMatch(p -> p.matches(path))) {
            return chain.filter(exchange);
        }
        return CachedBody.cache(exchange, bodyLimits.of(exchange)).flatMap(cached -> verify(cached).flatMap(merchantNo -> {
            ServerHttpRequest request = cached.getRequest().mutate()
                    .headers(h -> h.set(IdentityHeaders.MERCHANT_ID, merchantNo)).build();
            return chain.filter(cached.mutate().request(request).build());
        }));
    }

    private Mono<String> verify(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        byte[] body = CachedBody.of(exchange);
        Map<String, String> params;
        try {
            params = CanonicalRequest.parameters(request.getURI().getRawQuery(), request.getHeaders().getFirst("Content-Type"), body);
        } catch (ServiceException e) {
            return Mono.error(e);
        }
        String merchantNo = params.get("merchantNo");
        if (merchantNo == null || merchantNo.isBlank()) {
            return Mono.error(new ServiceException(GatewayErrorCodes.MERCHANT_UNKNOWN));
        }
        return credentials.merchant(merchantNo).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.error(new ServiceException(GatewayErrorCodes.MERCHANT_UNKNOWN));
            }
            MerchantCredentialsClient.Merchant m = found.get();
            String ip = request.getHeaders().getFirst(IdentityHeaders.CLIENT_IP);
            if (ip == null || m.whitelist().stream().noneMatch(r -> r.contains(ip))) {
                return Mono.error(new ServiceException(GatewayErrorCodes.MERCHANT_ADDRESS_NOT_WHITELISTED));
            }
            if (!m.active()) {
                return Mono.error(new ServiceException(GatewayErrorCodes.MERCHANT_SUSPENDED));
            }
            String sign = request.getHeaders().getFirst(SIGNATURE_HEADER);
            if (sign == null || sign.isBlank()) {
                return Mono.error(new ServiceException(GatewayErrorCodes.SIGNATURE_MISSING));
            }
            if (!BASE64.matcher(sign.trim()).matches()) {
                return Mono.error(new ServiceException(GatewayErrorCodes.MERCHANT_SIGNATURE_MALFORMED));
            }
            ErrorCode stale = AppSignatureFilter.freshnessError(params, body, clock);
            if (stale != null) {
                return Mono.error(new ServiceException(stale));
            }
            String canonical = CanonicalRequest.canonicalString(request.getMethod().name(), request.getURI().getRawPath(), params);
            Instant now = clock.instant();
            List<MerchantCredentialsClient.Merchant.ValidKey> valid = m.keys().stream()
                    .filter(k -> k.validUntil() == null || k.validUntil().isAfter(now)).toList();
            if (valid.stream().noneMatch(k -> RsaKeys.verify(k.key(), canonical, sign.trim()))) {
                // a merchant still on the retired form learns why, instead of a bare mismatch; refused all the same
                String retired = CanonicalRequest.retiredCanonicalString(params);
                return Mono.error(new ServiceException(valid.stream().anyMatch(k -> RsaKeys.verify(k.key(), retired, sign.trim()))
                        ? GatewayErrorCodes.SIGNATURE_RETIRED_FORM : GatewayErrorCodes.SIGNATURE_MISMATCH));
            }
            return AppSignatureFilter.spendNonce(redis, keys.key("merchant-nonce", merchantNo, params.get("nonce")), merchantNo);
        });
    }
}
