package io.apay.common.test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives each {@link ApayIntegrationTest} class its own MariaDB schema ({@code t_<schema>_<random>}), Redis key
 * prefix, RabbitMQ name prefix and a fresh data-encryption key ({@code apay.crypto.secret-key}), and the JVM's test
 * mesh key ({@code apay.mesh.key}, see {@link MeshCredentials}), so test classes never see each other's rows, keys or messages, and cleans all
 * three up when the class's context closes.
 */
public class IsolatedInfraCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean isolated = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(ApayIntegrationTest.class);
        return isolated ? new IsolatedInfraCustomizer(testClass) : null;
    }

    static final class IsolatedInfraCustomizer implements ContextCustomizer {

        private final Class<?> testClass;

        IsolatedInfraCustomizer(Class<?> testClass) {
            this.testClass = testClass;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            LocalInfra.requireUp();
            LocalInfra.dropStaleTestSchemas();
            String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
            // a service without a database (the gateway) gets only the Redis and RabbitMQ prefixes
            String baseSchema = context.getEnvironment().getProperty("apay.db.schema");
            String schema = baseSchema == null ? null : ("t_" + baseSchema.replaceFirst("^apay_", "") + "_" + suffix).toLowerCase();
            TestInfra infra = new TestInfra(schema, "t:" + suffix + ":", "t." + suffix + ".");
            Map<String, Object> overrides = new HashMap<>();
            overrides.put("apay.redis.key-prefix", infra.redisPrefix());
            overrides.put("apay.mq.prefix", infra.mqPrefix());
            if (context.getEnvironment().getProperty("apay.crypto.secret-key") == null) {
                overrides.put("apay.crypto.secret-key", randomKey());
            }
            if (context.getEnvironment().getProperty("apay.mesh.key") == null) {
                overrides.put("apay.mesh.key", MeshCredentials.testKey());
            }
            if (schema != null) {
                LocalInfra.createSchema(schema);
                overrides.put("apay.db.schema", schema);
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("apay-test-isolation", overrides));
            context.getBeanFactory().registerSingleton("apayTestInfra", infra);
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
                if (event.getApplicationContext() == context) {
                    TestInfraCleanup.cleanUp(context, infra);
                }
            });
        }

        private static String randomKey() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        }

        @Override
        public boolean equals(Object o) {
            // one context (and so one schema) per test class
            return o instanceof IsolatedInfraCustomizer other && other.testClass == testClass;
        }

        @Override
        public int hashCode() {
            return Objects.hash(testClass);
        }
    }
}
