package io.apay.merchant.config;

import io.apay.common.mq.MqNames;
import io.apay.common.mq.MqTopology;
import io.apay.merchant.service.payout.PayoutProperties;
import io.apay.wallet.api.WalletPayoutApi;
import io.apay.wallet.api.event.WalletEvents;
import org.springframework.amqp.core.Declarables;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(PayoutProperties.class)
@EnableFeignClients(clients = WalletPayoutApi.class)
public class PayoutConfig {

    public static final String PAYOUT_FINISHED_QUEUE = "merchant.payout-finished";

    /** wallet-svc's word that a merchant payout ended, for the callback it causes. */
    @Bean
    public Declarables payoutFinishedQueue(MqNames names) {
        return MqTopology.consumer(names, PAYOUT_FINISHED_QUEUE, WalletEvents.PAYOUT_FINISHED);
    }
}
