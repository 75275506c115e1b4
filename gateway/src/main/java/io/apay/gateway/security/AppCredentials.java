package io.apay.gateway.security;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.ApiResult;
import io.apay.gateway.GatewayErrorCodes;
import io.apay.user.api.AppClientApi;
import io.apay.user.api.dto.AppClientCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
 * The signing secrets of an app client, looked up from user-svc and cached for {@link #TTL}: a disabled client or
 * a rotated secret stops working within that time. Secrets arrive encrypted and are decrypted here with the
 * platform data key.
 */
public class AppCredentials {

    private static final Logger log = LoggerFactory.getLogger(AppCredentials.class);
    static final Duration TTL = Duration.ofSeconds(30);

    /** A client's secrets (two during a rotation's grace period), each valid until {@code validUntil} (or for good). */
    record Secrets(boolean enabled, List<Secret> secrets) {
    }

    record Secret(byte[] key, Instant validUntil) {
    }

    private final WebClient userSvc;
    private final SecretCipher cipher;
    private final Clock clock;
    private final AsyncLoadingCache<String, Optional<Secrets>> cache;

    public AppCredentials(WebClient.Builder loadBalanced, SecretCipher cipher, Clock clock) {
        this.userSvc = loadBalanced.baseUrl("http://user-svc").build();
        this.cipher = cipher;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL)
                .buildAsync((keyId, executor) -> fetch(keyId).toFuture());
    }

    /** The client's valid secrets; 401 {@code APP_KEY_UNKNOWN} if there is no such enabled client. */
    public Mono<List<byte[]>> secretsOf(String keyId) {
        return Mono.fromFuture(cache.get(keyId)).flatMap(found -> {
            Instant now = clock.instant();
            List<byte[]> valid = found.filter(Secrets::enabled).map(s -> s.secrets().stream()
                    .filter(secret -> secret.validUntil() == null || secret.validUntil().isAfter(now))
                    .map(Secret::key).toList()).orElse(List.of());
            return valid.isEmpty() ? Mono.error(new ServiceException(GatewayErrorCodes.APP_KEY_UNKNOWN)) : Mono.just(valid);
        });
    }

    private Mono<Optional<Secrets>> fetch(String keyId) {
        return userSvc.get().uri(AppClientApi.PREFIX + "/{keyId}", keyId).retrieve()
                .bodyToMono(new ParameterizedTypeReference<ApiResult<AppClientCredentials>>() {
                })
                .map(result -> Optional.of(decrypt(result.checkedData())))
                .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.just(Optional.empty()))
                .onErrorMap(e -> !(e instanceof ServiceException), e -> {
                    log.warn("app credentials lookup for {} failed: {}", keyId, e.toString());
                    return new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE);
                });
    }

    private Secrets decrypt(AppClientCredentials c) {
        List<Secret> secrets = c.secrets().stream()
                .map(s -> new Secret(cipher.decrypt(s.encryptedSecret(), AppClientCredentials.cipherContext(s.secretId()))
                        .getBytes(StandardCharsets.UTF_8), s.validUntil()))
                .toList();
        return new Secrets(c.enabled(), secrets);
    }
}
