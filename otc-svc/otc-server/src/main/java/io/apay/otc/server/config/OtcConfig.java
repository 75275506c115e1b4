package io.apay.otc.server.config;

import io.apay.common.mq.MqNames;
import io.apay.common.mq.MqTopology;
import io.apay.ledger.api.KeyVoids;
import io.apay.ledger.api.LedgerApi;
import io.apay.otc.api.event.OtcEvents;
import io.apay.push.api.PushApi;
import io.apay.push.api.event.PushEvents;
import io.apay.push.api.message.PushMessages;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.springframework.amqp.core.Declarables;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration
@EnableConfigurationProperties(OtcProperties.class)
@EnableFeignClients(clients = {LedgerApi.class, PushApi.class})
public class OtcConfig {

    public static final String PAYMENT_RECEIVED_QUEUE = "otc.payment-received";
    public static final String PRESENCE_QUEUE = "otc.acceptor-presence";

    /** Voids a ledger key before an intent is given up (docs/development.md). */
    @Bean
    public KeyVoids keyVoids(LedgerApi ledger) {
        return new KeyVoids(ledger);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Monitors' payment reports, to match against orders. */
    @Bean
    public Declarables paymentReceivedQueue(MqNames names) {
        return MqTopology.consumer(names, PAYMENT_RECEIVED_QUEUE, PushEvents.PAYMENT_RECEIVED);
    }

    /** Acceptors going online and offline. */
    @Bean
    public Declarables presenceQueue(MqNames names) {
        return MqTopology.consumer(names, PRESENCE_QUEUE, PushEvents.ACCEPTOR_ONLINE, PushEvents.ACCEPTOR_OFFLINE);
    }

    /** otc-svc publishes order events, and messages to monitors through push-svc's exchange. */
    @Bean
    public Declarables otcExchanges(MqNames names) {
        return new Declarables(MqTopology.exchange(names, OtcEvents.DOMAIN), MqTopology.exchange(names, PushMessages.DOMAIN));
    }

    /** Settlements of matched payments run here, after the report's transaction commits. */
    @Bean
    public Executor settleExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("settle-");
        executor.setCorePoolSize(4);
        executor.setMaxPoolSize(4);
        executor.setQueueCapacity(10_000);
        // when full, the settle job's next tick picks the order up: nothing is lost, only delayed
        executor.setRejectedExecutionHandler((r, e) -> { });
        executor.initialize();
        return executor;
    }
}
