package io.apay.merchant.config;

import io.apay.common.mq.MqNames;
import io.apay.common.mq.MqTopology;
import io.apay.merchant.service.callback.CallbackProperties;
import io.apay.merchant.service.callback.CallbackSender;
import io.apay.merchant.service.callback.CallbackService;
import io.apay.merchant.service.callback.HostResolver;
import io.apay.otc.api.OtcMerchantApi;
import io.apay.otc.api.event.OtcEvents;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.springframework.amqp.core.Declarables;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration
@EnableConfigurationProperties(CallbackProperties.class)
@EnableFeignClients(clients = OtcMerchantApi.class)
public class CallbackConfig {

    public static final String ORDER_STATUS_QUEUE = "merchant.order-status";

    /** otc-svc's order events, for the callbacks they cause. */
    @Bean
    public Declarables orderStatusQueue(MqNames names) {
        return MqTopology.consumer(names, ORDER_STATUS_QUEUE, OtcEvents.ANY_ORDER_STATUS);
    }

    /** First attempts of new callbacks run here, off the thread that enqueued them. */
    @Bean
    public Executor callbackExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("callback-");
        executor.setCorePoolSize(4);
        executor.setMaxPoolSize(4);
        // when full, the retry job sends it once the lease its insert took ends: nothing is lost, only the first attempt waits
        executor.setQueueCapacity(1000);
        executor.setRejectedExecutionHandler((r, e) -> { });
        executor.initialize();
        return executor;
    }

    @Bean
    public CallbackService callbackService(JdbcTemplate jdbc, PlatformTransactionManager txManager, PlatformKey platformKey,
                                           CallbackProperties props, Executor callbackExecutor, Clock clock) {
        return new CallbackService(jdbc, txManager, platformKey, new CallbackSender(props, HostResolver.SYSTEM), props, callbackExecutor, clock);
    }
}
