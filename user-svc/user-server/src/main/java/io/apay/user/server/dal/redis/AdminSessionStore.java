package io.apay.user.server.dal.redis;

import io.apay.common.core.redis.RedisKeys;
import io.apay.common.core.security.AdminRole;
import io.apay.user.api.AdminSessions;
import io.apay.user.api.LoginTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.redisson.api.RKeys;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/** Operator sessions in Redis, in the format of {@link AdminSessions} (the gateway checks and renews them). */
@Component
public class AdminSessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedissonClient redisson;
    private final RedisKeys keys;
    private final Clock clock;

    public AdminSessionStore(RedissonClient redisson, RedisKeys keys, Clock clock) {
        this.redisson = redisson;
        this.keys = keys;
        this.clock = clock;
    }

    /** Opens a session; returns its token (256 random bits), the only time it exists outside the client. */
    public String open(long operatorId, Set<AdminRole> roles) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        RMap<String, String> session = redisson.getMap(key(LoginTokens.hash(token)), StringCodec.INSTANCE);
        String now = Long.toString(clock.millis());
        session.putAll(Map.of(AdminSessions.FIELD_OPERATOR_ID, Long.toString(operatorId),
                AdminSessions.FIELD_ROLES, roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                AdminSessions.FIELD_ISSUED_AT, now, AdminSessions.FIELD_LAST_USED_AT, now));
        session.expire(AdminSessions.IDLE);
        return token;
    }

    public void close(String tokenId) {
        redisson.getMap(key(tokenId), StringCodec.INSTANCE).delete();
    }

    /** Ends every session of an operator (disabled, roles changed). */
    public void closeAll(long operatorId) {
        RKeys all = redisson.getKeys();
        all.getKeysStreamByPattern(keys.key(AdminSessions.DOMAIN, "*")).forEach(k -> {
            RMap<String, String> s = redisson.getMap(k, StringCodec.INSTANCE);
            if (Long.toString(operatorId).equals(s.get(AdminSessions.FIELD_OPERATOR_ID))) {
                s.delete();
            }
        });
    }

    private String key(String tokenId) {
        return keys.key(AdminSessions.DOMAIN, tokenId);
    }
}
