package io.apay.gateway.config;

import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.core.security.MeshAuth;
import io.apay.gateway.filter.MeshCredentialFilter;
import io.apay.gateway.error.GatewayErrorHandler;
import io.apay.gateway.security.AdminTokenFilter;
import io.apay.gateway.security.AppCredentials;
import io.apay.gateway.security.AppSignatureFilter;
import io.apay.gateway.security.BodyLimits;
import io.apay.gateway.security.GatewaySecurityProperties;
import io.apay.gateway.security.IdempotencyFilter;
import io.apay.gateway.security.LoginTokenFilter;
import io.apay.gateway.security.MerchantCredentialsClient;
import io.apay.gateway.security.MerchantSignatureFilter;
import io.apay.gateway.security.MonitorHandshakeFilter;
import io.apay.gateway.security.RateLimitFilter;
import java.time.Clock;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.redisson.api.RedissonReactiveClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** The app-route filters: signature, login token, rate limits, idempotency. */
@Configuration
@EnableConfigurationProperties(GatewaySecurityProperties.class)
public class SecurityConfig {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public SecretCipher secretCipher(@Value("${apay.crypto.secret-key:}") String key) {
        return SecretCipher.fromBase64(key);
    }

    /** The gateway's own calls to services' /rpc-api carry the mesh credential. */
    @Bean
    @LoadBalanced
    public WebClient.Builder loadBalancedWebClient(MeshAuth meshAuth) {
        return WebClient.builder().filter(MeshCredentialFilter.signing(meshAuth));
    }

    @Bean
    public RedissonReactiveClient redissonReactiveClient(RedissonClient redisson) {
        return redisson.reactive();
    }

    @Bean
    public BodyLimits bodyLimits(GatewaySecurityProperties props) {
        return new BodyLimits((int) props.getMaxBody().toBytes(), (int) props.getMaxUploadBody().toBytes(),
                patterns(props.getUploadPaths()));
    }

    @Bean
    public AppCredentials appCredentials(@LoadBalanced WebClient.Builder webClient, SecretCipher cipher, Clock clock) {
        return new AppCredentials(webClient, cipher, clock);
    }

    @Bean
    public AppSignatureFilter appSignatureFilter(AppCredentials credentials, RedissonReactiveClient redis, RedisKeys keys,
                                                 Clock clock, BodyLimits limits) {
        return new AppSignatureFilter(credentials, redis, keys, clock, limits);
    }

    @Bean
    public LoginTokenFilter loginTokenFilter(RedissonReactiveClient redis, RedisKeys keys, Clock clock,
                                             GatewaySecurityProperties props, BodyLimits limits) {
        return new LoginTokenFilter(redis, keys, clock, patterns(props.getPublicPaths()), limits);
    }

    @Bean
    public AdminTokenFilter adminTokenFilter(RedissonReactiveClient redis, RedisKeys keys, Clock clock,
                                             GatewaySecurityProperties props) {
        return new AdminTokenFilter(redis, keys, clock, patterns(props.getAdminPublicPaths()), props.getAdminAllowlist());
    }

    @Bean
    public MerchantSignatureFilter merchantSignatureFilter(@LoadBalanced WebClient.Builder webClient, RedissonReactiveClient redis,
                                                           RedisKeys keys, Clock clock, BodyLimits limits,
                                                           GatewaySecurityProperties props,
                                                           @Value("${apay.gateway.merchant-service}") String merchantService) {
        return new MerchantSignatureFilter(new MerchantCredentialsClient(webClient, merchantService), redis, keys, clock, limits,
                patterns(props.getMerchantPublicPaths()));
    }

    @Bean
    public MonitorHandshakeFilter monitorHandshakeFilter(@LoadBalanced WebClient.Builder webClient,
                                                         @Value("${apay.gateway.push-service}") String pushService) {
        return new MonitorHandshakeFilter(webClient, pushService);
    }

    @Bean
    public RateLimitFilter rateLimitFilter(RedissonReactiveClient redis, RedisKeys keys, GatewaySecurityProperties props,
                                           BodyLimits limits) {
        List<RateLimitFilter.Rule> rules = props.getRateLimits().stream()
                .map(r -> new RateLimitFilter.Rule(r.getName(), PathPatternParser.defaultInstance.parse(r.getPath()),
                        r.getPerIp(), r.getPerAccount(), r.getWindow()))
                .toList();
        return new RateLimitFilter(redis, keys, rules, limits);
    }

    @Bean
    public IdempotencyFilter idempotencyFilter(RedissonReactiveClient redis, RedisKeys keys, GatewayErrorHandler errors,
                                               BodyLimits limits, SecretCipher cipher) {
        return new IdempotencyFilter(redis, keys, errors, limits, cipher);
    }

    private static List<PathPattern> patterns(List<String> paths) {
        return paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }
}
