package io.apay.job.config;

import io.apay.job.recon.ReconProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(ReconProperties.class)
public class JobConfig {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
