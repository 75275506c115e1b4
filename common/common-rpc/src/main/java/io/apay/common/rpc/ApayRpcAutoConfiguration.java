package io.apay.common.rpc;

import feign.RequestInterceptor;
import feign.Retryer;
import feign.codec.ErrorDecoder;
import io.apay.common.core.trace.TraceIds;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Feign defaults for every client of every {@code -api} module: error decoding back into business exceptions,
 * retries for idempotent calls only, a circuit breaker per remote service, trace id propagation. Timeouts and the
 * breaker's thresholds are in {@code apay-defaults/rpc.yml}.
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
public class ApayRpcAutoConfiguration {

    @Bean
    public ErrorDecoder remoteErrorDecoder() {
        return new RemoteErrorDecoder();
    }

    @Bean
    public Retryer idempotentRetryer() {
        return new IdempotentRetryer(3, 100);
    }

    @Bean
    public CircuitBreakerCapability circuitBreakerCapability(CircuitBreakerRegistry registry) {
        return new CircuitBreakerCapability(registry);
    }

    /** The caller's trace id goes with every call, so one id follows a request across services. */
    @Bean
    public RequestInterceptor traceIdPropagation() {
        return template -> {
            String traceId = TraceIds.current();
            if (traceId != null) {
                template.header(TraceIds.HEADER, traceId);
            }
        };
    }
}
