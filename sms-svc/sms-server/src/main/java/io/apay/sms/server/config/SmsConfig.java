package io.apay.sms.server.config;

import io.apay.common.core.redis.RedisKeys;
import io.apay.sms.server.provider.AliyunSmsProvider;
import io.apay.sms.server.provider.LogSmsProvider;
import io.apay.sms.server.provider.SmsProvider;
import org.redisson.api.RedissonClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(SmsProperties.class)
public class SmsConfig {

    /** The provider named by {@code apay.sms.provider}; an unknown name stops the service at start-up. */
    @Bean
    public SmsProvider smsProvider(SmsProperties props, RedissonClient redisson, RedisKeys keys) {
        return switch (props.getProvider()) {
            case "log" -> new LogSmsProvider(props.getLog(), redisson, keys);
            case "aliyun" -> new AliyunSmsProvider(props.getAliyun());
            default -> throw new IllegalStateException("unknown apay.sms.provider '" + props.getProvider() + "' (log or aliyun)");
        };
    }
}
