package io.apay.merchant.service.payout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code apay.merchant.payouts.*}. */
@ConfigurationProperties("apay.merchant.payouts")
public class PayoutProperties {

    /**
     * A payout still REQUESTING (the wallet's answer was unknown) this long after its last call is called again by
     * the recovery ({@code POST /rpc-api/merchant/payouts/recover}).
     */
    private Duration recoverAfter = Duration.ofSeconds(30);

    public Duration getRecoverAfter() {
        return recoverAfter;
    }

    public void setRecoverAfter(Duration recoverAfter) {
        this.recoverAfter = recoverAfter;
    }
}
