package io.apay.common.test;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/** Removes a test class's schema, Redis keys and RabbitMQ queues and exchanges when its context closes. */
final class TestInfraCleanup {

    private static final Logger log = LoggerFactory.getLogger(TestInfraCleanup.class);

    private TestInfraCleanup() {
    }

    static void cleanUp(ConfigurableApplicationContext context, TestInfra infra) {
        if (ClassUtils.isPresent("org.springframework.amqp.core.AmqpAdmin", null)) {
            try {
                RabbitCleanup.deleteDeclared(context, infra.mqPrefix());
            } catch (RuntimeException e) {
                log.warn("could not delete test queues with prefix {}: {}", infra.mqPrefix(), e.toString());
            }
        }
        if (ClassUtils.isPresent("org.redisson.api.RedissonClient", null)) {
            try {
                RedisCleanup.deleteKeys(context, infra.redisPrefix());
            } catch (RuntimeException e) {
                log.warn("could not delete test keys with prefix {}: {}", infra.redisPrefix(), e.toString());
            }
        }
        if (infra.schema() == null) {
            return;
        }
        try {
            LocalInfra.dropSchema(infra.schema());
        } catch (RuntimeException e) {
            log.warn("could not drop test schema {}: {}", infra.schema(), e.toString());
        }
    }

    static final class RabbitCleanup {
        static void deleteDeclared(ConfigurableApplicationContext context, String prefix) {
            var admins = context.getBeansOfType(org.springframework.amqp.core.AmqpAdmin.class);
            if (admins.isEmpty()) {
                return;
            }
            var admin = admins.values().iterator().next();
            for (var declarables : context.getBeansOfType(org.springframework.amqp.core.Declarables.class).values()) {
                for (var d : declarables.getDeclarables()) {
                    if (d instanceof org.springframework.amqp.core.Queue q && q.getName().startsWith(prefix)) {
                        admin.deleteQueue(q.getName());
                    } else if (d instanceof org.springframework.amqp.core.Exchange x && x.getName().startsWith(prefix)) {
                        admin.deleteExchange(x.getName());
                    }
                }
            }
            for (var q : context.getBeansOfType(org.springframework.amqp.core.Queue.class).values()) {
                if (q.getName().startsWith(prefix)) {
                    admin.deleteQueue(q.getName());
                }
            }
        }
    }

    static final class RedisCleanup {
        static void deleteKeys(ConfigurableApplicationContext context, String prefix) {
            var clients = context.getBeansOfType(org.redisson.api.RedissonClient.class);
            for (var client : clients.values()) {
                client.getKeys().deleteByPattern(prefix + "*");
            }
        }
    }
}
