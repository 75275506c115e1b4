package io.apay.common.mq;

import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.trace.TraceIds;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.amqp.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;

/** The outbox, its relay, the consumer inbox and the shared topology, in every service with RabbitMQ and a DB. */
@AutoConfiguration(after = {RabbitAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class ApayMqAutoConfiguration {

    @Bean
    public MqNames mqNames(@Value("${apay.mq.prefix:}") String prefix) {
        return new MqNames(prefix);
    }

    @Bean
    public Declarables apayBaseTopology(MqNames names) {
        return MqTopology.base(names);
    }

    @Bean
    public RabbitTemplateCustomizer apayRabbitTemplate() {
        return template -> template.setMandatory(true);
    }

    /** Every listener thread logs with the trace id of the message it is handling. */
    @Bean
    public ContainerCustomizer<SimpleMessageListenerContainer> apayTraceIdListener() {
        return container -> container.setAfterReceivePostProcessors(message -> {
            Object traceId = message.getMessageProperties().getHeader(TraceIds.HEADER);
            TraceIds.set(TraceIds.orNew(traceId == null ? null : traceId.toString()));
            return message;
        });
    }

    @Bean
    @ConditionalOnBean({JdbcTemplate.class, RabbitTemplate.class})
    public OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager txManager, RabbitTemplate rabbit,
                                   OutboxProperties props) {
        return new OutboxRelay(jdbc, txManager, rabbit, props);
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    public OutboxPublisher outboxPublisher(JdbcTemplate jdbc, MqNames names, OutboxRelay relay) {
        // events use the API's JSON rules (money as strings), whatever the service's MVC mapper does
        return new OutboxPublisher(jdbc, ApayJackson.newMapper(), names, relay);
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    public EventInbox eventInbox(JdbcTemplate jdbc, PlatformTransactionManager txManager) {
        return new EventInbox(jdbc, txManager, ApayJackson.newMapper());
    }
}
