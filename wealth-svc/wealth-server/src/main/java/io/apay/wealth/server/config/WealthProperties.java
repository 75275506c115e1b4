package io.apay.wealth.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * wealth-svc's settings ({@code apay.wealth.*}).
 *
 * @param recoverAfter how old an intent must be before the recovery job drives it (the request thread had its chance)
 */
@ConfigurationProperties("apay.wealth")
public record WealthProperties(Duration recoverAfter) {

    public WealthProperties {
        recoverAfter = recoverAfter == null ? Duration.ofSeconds(30) : recoverAfter;
    }
}
