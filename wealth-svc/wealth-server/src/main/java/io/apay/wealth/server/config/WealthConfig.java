package io.apay.wealth.server.config;

import io.apay.ledger.api.KeyVoids;
import io.apay.ledger.api.LedgerApi;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(WealthProperties.class)
@EnableFeignClients(clients = {LedgerApi.class})
public class WealthConfig {

    /** Days are UTC days of this clock (tests move it by hand). */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Voids a ledger key before an intent is given up (docs/development.md). */
    @Bean
    public KeyVoids keyVoids(LedgerApi ledger) {
        return new KeyVoids(ledger);
    }
}
