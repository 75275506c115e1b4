package io.apay.merchant.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class MerchantConfig {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
