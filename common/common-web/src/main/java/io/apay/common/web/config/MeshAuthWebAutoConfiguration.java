package io.apay.common.web.config;

import io.apay.common.core.security.MeshAuth;
import io.apay.common.web.security.MeshAuthFilter;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/** Every servlet service checks the mesh credential on every request (see {@link MeshAuthFilter}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class MeshAuthWebAutoConfiguration {

    /** Refuses to start without {@code apay.mesh.key}. */
    @Bean
    @ConditionalOnMissingBean
    public MeshAuth meshAuth(Environment env) {
        return MeshAuth.of(env.getProperty(MeshAuth.KEY_PROPERTY), env.getProperty(MeshAuth.ACCEPTED_KEYS_PROPERTY));
    }

    @Bean
    public FilterRegistrationBean<MeshAuthFilter> meshAuthFilter(MeshAuth meshAuth) {
        // real time, not a service's (or a test's) business clock: freshness is between two machines
        FilterRegistrationBean<MeshAuthFilter> registration = new FilterRegistrationBean<>(new MeshAuthFilter(meshAuth, Clock.systemUTC()));
        // right after the trace id filter, so the refusal carries the trace id, and before anything reads a header
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
