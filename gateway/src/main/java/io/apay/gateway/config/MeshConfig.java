package io.apay.gateway.config;

import io.apay.common.core.security.MeshAuth;
import io.apay.gateway.filter.MeshCredentialFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway signs everything it forwards with the mesh key (the MeshAuth bean comes from common-rpc). */
@Configuration
public class MeshConfig {

    @Bean
    public MeshCredentialFilter meshCredentialFilter(MeshAuth meshAuth) {
        return new MeshCredentialFilter(meshAuth);
    }
}
