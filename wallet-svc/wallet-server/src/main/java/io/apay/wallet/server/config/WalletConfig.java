package io.apay.wallet.server.config;

import io.apay.chainbridge.api.ChainBridgeApi;
import io.apay.chainbridge.api.event.ChainEvents;
import io.apay.common.mq.MqNames;
import io.apay.common.mq.MqTopology;
import io.apay.ledger.api.KeyVoids;
import io.apay.ledger.api.LedgerApi;
import io.apay.sms.api.SmsApi;
import io.apay.user.api.UserSecurityApi;
import io.apay.wallet.api.event.WalletEvents;
import java.time.Clock;
import org.springframework.amqp.core.Declarables;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(WalletProperties.class)
@EnableFeignClients(clients = {LedgerApi.class, ChainBridgeApi.class, UserSecurityApi.class, SmsApi.class})
public class WalletConfig {

    public static final String DEPOSIT_CONFIRMED_QUEUE = "wallet.deposit-confirmed";
    public static final String WITHDRAWAL_FINISHED_QUEUE = "wallet.withdrawal-finished";

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Voids a ledger key before an intent is given up (docs/development.md). */
    @Bean
    public KeyVoids keyVoids(LedgerApi ledger) {
        return new KeyVoids(ledger);
    }

    /** chain-bridge-svc's confirmed deposits: credited as they come (the recovery pages them too). */
    @Bean
    public Declarables depositConfirmedQueue(MqNames names) {
        return MqTopology.consumer(names, DEPOSIT_CONFIRMED_QUEUE, ChainEvents.DEPOSIT_CONFIRMED);
    }

    /** chain-bridge-svc's finished withdrawals: settled or released as they come (the recovery polls too). */
    @Bean
    public Declarables withdrawalFinishedQueue(MqNames names) {
        return MqTopology.consumer(names, WITHDRAWAL_FINISHED_QUEUE, ChainEvents.WITHDRAWAL_FINISHED);
    }

    /** wallet-svc publishes merchant payouts' ends. */
    @Bean
    public Declarables walletExchange(MqNames names) {
        return MqTopology.publisher(names, WalletEvents.DOMAIN);
    }
}
