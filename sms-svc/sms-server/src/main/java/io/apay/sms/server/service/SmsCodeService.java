package io.apay.sms.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.core.trace.TraceIds;
import io.apay.sms.api.PhoneNumbers;
import io.apay.sms.api.SmsErrorCodes;
import io.apay.sms.api.SmsPurpose;
import io.apay.sms.api.dto.CodeSent;
import io.apay.sms.server.config.SmsProperties;
import io.apay.sms.server.dal.dataobject.SmsSendLogDO;
import io.apay.sms.server.dal.dataobject.SmsTemplateDO;
import io.apay.sms.server.dal.mapper.SmsSendLogMapper;
import io.apay.sms.server.dal.mapper.SmsTemplateMapper;
import io.apay.sms.server.provider.SmsMessage;
import io.apay.sms.server.provider.SmsProvider;
import io.apay.sms.server.provider.SmsSendException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RMap;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Verification codes: 6 digits, valid {@code code-ttl} (5 minutes), at most {@code max-attempts} tries, single use.
 * Only a keyed digest of the code is kept (in Redis, under the data key); limits per phone (one a minute, ten a day) and per client IP.
 */
@Service
public class SmsCodeService {

    private static final Logger log = LoggerFactory.getLogger(SmsCodeService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Verify and consume atomically: 1 ok, 0 wrong, -1 missing/expired, -2 attempts used up. */
    private static final String VERIFY_SCRIPT = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            local attempts = tonumber(redis.call('HGET', KEYS[1], 'attempts'))
            if attempts >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) return -2 end
            if redis.call('HGET', KEYS[1], 'hash') == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
            attempts = attempts + 1
            if attempts >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) return -2 end
            redis.call('HSET', KEYS[1], 'attempts', attempts)
            return 0
            """;

    private final RedissonClient redisson;
    private final RedisKeys keys;
    private final SmsProperties props;
    private final SmsProvider provider;
    private final SmsTemplateMapper templates;
    private final SmsSendLogMapper sendLog;
    private final SecretCipher cipher;

    public SmsCodeService(RedissonClient redisson, RedisKeys keys, SmsProperties props, SmsProvider provider,
                          SmsTemplateMapper templates, SmsSendLogMapper sendLog, SecretCipher cipher) {
        this.redisson = redisson;
        this.keys = keys;
        this.props = props;
        this.provider = provider;
        this.templates = templates;
        this.sendLog = sendLog;
        this.cipher = cipher;
    }

    public CodeSent send(String rawPhone, SmsPurpose purpose, String locale, String clientIp) {
        String phone = PhoneNumbers.normalize(rawPhone);
        String resendKey = keys.key("sms-resend", phone);
        if (!redisson.getBucket(resendKey, StringCodec.INSTANCE).setIfAbsent("1", props.getResendInterval())) {
            throw new ServiceException(SmsErrorCodes.SEND_TOO_SOON);
        }
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        if (countToday(keys.key("sms-daily-phone", phone, day)) > props.getPerPhoneDaily()
                || (clientIp != null && countToday(keys.key("sms-daily-ip", clientIp, day)) > props.getPerIpDaily())) {
            throw new ServiceException(SmsErrorCodes.DAILY_LIMIT);
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        String codeKey = codeKey(phone, purpose);
        RMap<String, String> stored = redisson.getMap(codeKey, StringCodec.INSTANCE);
        stored.delete();
        stored.putAll(Map.of("hash", hash(phone, purpose, code), "attempts", "0"));
        stored.expire(props.getCodeTtl());

        SmsTemplateDO template = template(purpose, locale);
        long minutes = props.getCodeTtl().toMinutes();
        String text = template.getContent().replace("${code}", code).replace("${minutes}", Long.toString(minutes));
        try {
            provider.send(new SmsMessage(phone, template.getProviderTemplateCode(),
                    Map.of("code", code, "minutes", Long.toString(minutes)), text));
        } catch (SmsSendException e) {
            stored.delete();
            redisson.getBucket(resendKey).delete();
            record(phone, purpose, "FAILED", clientIp);
            log.warn("sms to {} failed: {}", PhoneNumbers.mask(phone), e.getMessage());
            throw new ServiceException(SmsErrorCodes.PROVIDER_FAILED);
        }
        record(phone, purpose, "SENT", clientIp);
        return new CodeSent(props.getCodeTtl().toSeconds(), props.getResendInterval().toSeconds());
    }

    public void verify(String rawPhone, SmsPurpose purpose, String code) {
        String phone = PhoneNumbers.normalize(rawPhone);
        Long result = redisson.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, VERIFY_SCRIPT,
                RScript.ReturnType.INTEGER, List.of(codeKey(phone, purpose)),
                hash(phone, purpose, code), Integer.toString(props.getMaxAttempts()));
        if (result == null || result == -1) {
            throw new ServiceException(SmsErrorCodes.CODE_EXPIRED);
        }
        if (result == -2) {
            throw new ServiceException(SmsErrorCodes.CODE_ATTEMPTS_EXCEEDED);
        }
        if (result == 0) {
            throw new ServiceException(SmsErrorCodes.CODE_WRONG);
        }
    }

    private long countToday(String key) {
        RAtomicLong counter = redisson.getAtomicLong(key);
        long n = counter.incrementAndGet();
        if (n == 1) {
            counter.expire(Duration.ofDays(2));
        }
        return n;
    }

    private SmsTemplateDO template(SmsPurpose purpose, String locale) {
        String wanted = locale == null ? "zh-CN" : locale;
        List<SmsTemplateDO> found = templates.selectList(new LambdaQueryWrapper<SmsTemplateDO>()
                .eq(SmsTemplateDO::getPurpose, purpose.name()));
        return found.stream().filter(t -> t.getLocale().equals(wanted)).findFirst()
                .or(() -> found.stream().filter(t -> t.getLocale().equals("zh-CN")).findFirst())
                .orElseThrow(() -> new IllegalStateException("no sms template for " + purpose));
    }

    private void record(String phone, SmsPurpose purpose, String outcome, String clientIp) {
        SmsSendLogDO row = new SmsSendLogDO();
        row.setPhone(phone);
        row.setPurpose(purpose.name());
        row.setProvider(provider.name());
        row.setOutcome(outcome);
        row.setClientIp(clientIp);
        row.setTraceId(TraceIds.current());
        row.setCreatedAt(LocalDateTime.now(ZoneOffset.UTC));
        sendLog.insert(row);
    }

    private String codeKey(String phone, SmsPurpose purpose) {
        return keys.key("sms-code", purpose.name(), phone);
    }

    /** Keyed with the data key: a 6-digit code's plain hash read from Redis would give the code in a million guesses. */
    private String hash(String phone, SmsPurpose purpose, String code) {
        return cipher.digest(phone + "|" + purpose + "|" + code, "sms-code");
    }
}
