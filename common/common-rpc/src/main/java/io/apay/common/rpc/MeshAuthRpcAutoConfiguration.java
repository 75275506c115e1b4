package io.apay.common.rpc;

import io.apay.common.core.security.MeshAuth;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Every Feign call carries the service's mesh credential (see {@link MeshCredentialCapability}). */
@AutoConfiguration
public class MeshAuthRpcAutoConfiguration {

    /** Refuses to start without {@code apay.mesh.key}. */
    @Bean
    @ConditionalOnMissingBean
    public MeshAuth meshAuth(Environment env) {
        return MeshAuth.of(env.getProperty(MeshAuth.KEY_PROPERTY), env.getProperty(MeshAuth.ACCEPTED_KEYS_PROPERTY));
    }

    @Bean
    public MeshCredentialCapability meshCredentialCapability(MeshAuth meshAuth) {
        return new MeshCredentialCapability(meshAuth);
    }
}
