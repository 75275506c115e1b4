package io.apay.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.redis.RedisKeys;
import io.apay.gateway.edge.DecoderFailureHandler;
import io.apay.gateway.edge.EnvelopeCorsProcessor;
import io.apay.gateway.error.GatewayErrorHandler;
import io.apay.gateway.filter.IdentityHeaderWebFilter;
import io.apay.gateway.filter.PathGuardWebFilter;
import io.apay.gateway.filter.TraceIdWebFilter;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import reactor.netty.NettyPipeline;
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

    /** Requests the HTTP decoder refuses (414, 431, 400) are answered with the envelope, not an empty body. */
    @Bean
    public WebServerFactoryCustomizer<NettyReactiveWebServerFactory> decoderFailureEnvelope() {
        DecoderFailureHandler handler = new DecoderFailureHandler(ApayJackson.newMapper());
        return factory -> factory.addServerCustomizers(server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, DecoderFailureHandler.NAME, handler);
            }
        }));
    }

    /** A CORS refusal (an origin, method or header not allowed) is the envelope with 11110, not an empty 403. */
    @Bean
    public static BeanPostProcessor envelopeCorsProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractHandlerMapping mapping) {
                    mapping.setCorsProcessor(new EnvelopeCorsProcessor());
                }
                return bean;
            }
        };
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
