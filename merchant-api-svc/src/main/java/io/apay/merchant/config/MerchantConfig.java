package io.apay.merchant.config;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class MerchantConfig {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public PlatformKey platformKey(@Value("${apay.merchant.platform-key-file}") Path file,
                                   @Value("${apay.merchant.generate-platform-key:false}") boolean generate) {
        return PlatformKey.load(file, generate);
    }
}
