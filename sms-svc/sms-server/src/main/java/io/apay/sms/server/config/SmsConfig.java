package io.apay.sms.server.config;

import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.redis.RedisKeys;
import io.apay.sms.server.provider.AliyunSmsProvider;
import io.apay.sms.server.provider.LogSmsProvider;
import io.apay.sms.server.provider.SmsProvider;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(SmsProperties.class)
public class SmsConfig {

    /** The data key, here only for the keyed digest of one-time codes. */
    @Bean
    public SecretCipher secretCipher(@Value("${apay.crypto.secret-key:}") String key) {
        return SecretCipher.fromBase64(key);
    }

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
