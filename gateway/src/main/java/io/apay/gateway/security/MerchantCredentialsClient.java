package io.apay.gateway.security;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.net.IpRange;
import io.apay.common.core.result.ApiResult;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * A merchant's status, IP whitelist and public keys, read from merchant-api-svc
 * ({@code GET /rpc-api/merchant/merchants/{merchantNo}/credentials}) and cached for {@link #TTL}: a suspension, a
 * whitelist change or a key rotation takes effect within that time.
 */
public class MerchantCredentialsClient {

    private static final Logger log = LoggerFactory.getLogger(MerchantCredentialsClient.class);
    static final Duration TTL = Duration.ofSeconds(30);

    /** The JSON merchant-api-svc answers. */
    record Credentials(String merchantNo, boolean active, List<String> ipWhitelist, List<Key> publicKeys) {
        record Key(String fingerprint, String publicKeyPem, Instant validUntil) {
        }
    }

    /** Parsed once per cache fill. */
    public record Merchant(String merchantNo, boolean active, List<IpRange> whitelist, List<ValidKey> keys) {
        public record ValidKey(PublicKey key, Instant validUntil) {
        }
    }

    private final WebClient merchantSvc;
    private final AsyncLoadingCache<String, Optional<Merchant>> cache;

    public MerchantCredentialsClient(WebClient.Builder loadBalanced, String serviceId) {
        this.merchantSvc = loadBalanced.baseUrl("http://" + serviceId).build();
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL)
                .buildAsync((merchantNo, executor) -> fetch(merchantNo).toFuture());
    }

    public Mono<Optional<Merchant>> merchant(String merchantNo) {
        return Mono.fromFuture(cache.get(merchantNo));
    }

    private Mono<Optional<Merchant>> fetch(String merchantNo) {
        return merchantSvc.get().uri("/rpc-api/merchant/merchants/{no}/credentials", merchantNo).retrieve()
                .bodyToMono(new ParameterizedTypeReference<ApiResult<Credentials>>() {
                })
                .map(r -> Optional.of(parse(r.checkedData())))
                .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.just(Optional.empty()))
                .onErrorMap(e -> !(e instanceof ServiceException), e -> {
                    log.warn("merchant credentials lookup for {} failed: {}", merchantNo, e.toString());
                    return new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE);
                });
    }

    private static Merchant parse(Credentials c) {
        return new Merchant(c.merchantNo(), c.active(), c.ipWhitelist().stream().map(IpRange::parse).toList(),
                c.publicKeys().stream().map(k -> new Merchant.ValidKey(RsaKeys.parsePublic(k.publicKeyPem()), k.validUntil())).toList());
    }
}
