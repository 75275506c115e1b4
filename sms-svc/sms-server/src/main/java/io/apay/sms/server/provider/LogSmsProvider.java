package io.apay.sms.server.provider;

import io.apay.common.core.redis.RedisKeys;
import io.apay.sms.api.PhoneNumbers;
import io.apay.sms.server.config.SmsProperties;
import java.time.Duration;
import org.redisson.api.RList;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local default: no message leaves the machine. The text goes to the log only when
 * {@code apay.sms.log.show-content} is on (never in the prod profile), and to the Redis dev mailbox
 * ({@code sms-dev-mailbox:<phone>}) only when {@code apay.sms.log.dev-mailbox} is on.
 */
public class LogSmsProvider implements SmsProvider {

    private static final Logger log = LoggerFactory.getLogger(LogSmsProvider.class);
    private static final Duration MAILBOX_TTL = Duration.ofMinutes(10);

    private final SmsProperties.Log settings;
    private final RedissonClient redisson;
    private final RedisKeys keys;

    public LogSmsProvider(SmsProperties.Log settings, RedissonClient redisson, RedisKeys keys) {
        this.settings = settings;
        this.redisson = redisson;
        this.keys = keys;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void send(SmsMessage message) {
        if (settings.isShowContent()) {
            log.info("SMS to {}: {}", PhoneNumbers.mask(message.phone()), message.text());
        } else {
            log.info("SMS to {} with template {} (content hidden)", PhoneNumbers.mask(message.phone()), message.templateCode());
        }
        if (settings.isDevMailbox()) {
            RList<String> mailbox = redisson.getList(keys.key("sms-dev-mailbox", message.phone()), StringCodec.INSTANCE);
            mailbox.add(0, message.text());
            mailbox.trim(0, 9);
            mailbox.expire(MAILBOX_TTL);
        }
    }
}
