package io.apay.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.redis.RedisKeys;
import io.apay.gateway.error.GatewayErrorHandler;
import io.apay.gateway.filter.IdentityHeaderWebFilter;
import io.apay.gateway.filter.PathGuardWebFilter;
import io.apay.gateway.filter.TraceIdWebFilter;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's filters that run on every request, routed or not, and its error handler. */
@Configuration
public class GatewayConfig {

    @Bean
    public TraceIdWebFilter traceIdWebFilter() {
        return new TraceIdWebFilter();
    }

    @Bean
    public PathGuardWebFilter pathGuardWebFilter() {
        return new PathGuardWebFilter();
    }

    @Bean
    public IdentityHeaderWebFilter identityHeaderWebFilter(
            @Value("${apay.gateway.trusted-proxies:}") List<String> trustedProxies) {
        return new IdentityHeaderWebFilter(trustedProxies);
    }

    @Bean
    public GatewayErrorHandler gatewayErrorHandler() {
        ObjectMapper mapper = ApayJackson.newMapper();
        return new GatewayErrorHandler(mapper);
    }

    @Bean
    public RedisKeys redisKeys(@Value("${apay.redis.key-prefix:apay:}") String prefix) {
        return new RedisKeys(prefix);
    }
}
