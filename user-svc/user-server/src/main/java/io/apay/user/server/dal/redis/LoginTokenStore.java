package io.apay.user.server.dal.redis;

import io.apay.common.core.redis.RedisKeys;
import io.apay.user.api.LoginTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.redisson.api.RMap;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * Login tokens in Redis, in the format of {@link LoginTokens} (shared with the gateway, which checks and renews
 * them). One session per device: logging in on a device ends that device's previous session.
 */
@Component
public class LoginTokenStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Drop the device's previous token and stale members, then store the new token. Atomic. */
    private static final String ISSUE_SCRIPT = """
            local members = redis.call('ZRANGE', KEYS[2], 0, -1)
            for _, h in ipairs(members) do
              local key = ARGV[7] .. h
              local dev = redis.call('HGET', key, 'deviceId')
              if dev == false then
                redis.call('ZREM', KEYS[2], h)
              elseif dev == ARGV[3] then
                redis.call('DEL', key)
                redis.call('ZREM', KEYS[2], h)
              end
            end
            redis.call('HSET', KEYS[1], 'userId', ARGV[2], 'deviceId', ARGV[3], 'deviceName', ARGV[4], 'issuedAt', ARGV[5], 'lastUsedAt', ARGV[5])
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
            redis.call('PEXPIRE', KEYS[2], ARGV[6])
            return 1
            """;

    /** A session as the device list shows it. */
    public record Session(String tokenId, String deviceId, String deviceName, long issuedAt, long lastUsedAt) {
    }

    private final RedissonClient redisson;
    private final RedisKeys keys;
    private final Clock clock;

    public LoginTokenStore(RedissonClient redisson, RedisKeys keys, Clock clock) {
        this.redisson = redisson;
        this.keys = keys;
        this.clock = clock;
    }

    /** Issues a new opaque token (256 random bits) and returns it: the only time it exists outside the client. */
    public String issue(long userId, String deviceId, String deviceName) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String tokenId = LoginTokens.hash(token);
        redisson.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, ISSUE_SCRIPT, RScript.ReturnType.INTEGER,
                List.of(tokenKey(tokenId), userTokensKey(userId)),
                tokenId, Long.toString(userId), deviceId, deviceName, Long.toString(clock.millis()),
                Long.toString(LoginTokens.TTL.toMillis()), keys.key(LoginTokens.TOKEN_DOMAIN) + ":");
        return token;
    }

    public List<Session> sessions(long userId) {
        RScoredSortedSet<String> ids = userTokens(userId);
        List<Session> sessions = new ArrayList<>();
        for (String tokenId : ids.readAll()) {
            Map<String, String> t = redisson.<String, String>getMap(tokenKey(tokenId), StringCodec.INSTANCE).readAllMap();
            if (t.isEmpty() || !Long.toString(userId).equals(t.get(LoginTokens.FIELD_USER_ID))) {
                ids.remove(tokenId); // expired
                continue;
            }
            sessions.add(new Session(tokenId, t.get(LoginTokens.FIELD_DEVICE_ID), t.get(LoginTokens.FIELD_DEVICE_NAME),
                    Long.parseLong(t.get(LoginTokens.FIELD_ISSUED_AT)), Long.parseLong(t.get(LoginTokens.FIELD_LAST_USED_AT))));
        }
        return sessions;
    }

    /** Ends one session of the user; false if it is not the user's. */
    public boolean revoke(long userId, String tokenId) {
        RMap<String, String> token = redisson.getMap(tokenKey(tokenId), StringCodec.INSTANCE);
        if (!Long.toString(userId).equals(token.get(LoginTokens.FIELD_USER_ID))) {
            return false;
        }
        token.delete();
        userTokens(userId).remove(tokenId);
        return true;
    }

    public boolean revokeDevice(long userId, String deviceId) {
        boolean any = false;
        for (Session s : sessions(userId)) {
            if (s.deviceId().equals(deviceId)) {
                any |= revoke(userId, s.tokenId());
            }
        }
        return any;
    }

    /** Ends every session of the user ("log out on all devices"). Returns how many ended. */
    public int revokeAll(long userId) {
        RScoredSortedSet<String> ids = userTokens(userId);
        Collection<String> all = ids.readAll();
        for (String tokenId : all) {
            redisson.getMap(tokenKey(tokenId), StringCodec.INSTANCE).delete();
        }
        ids.delete();
        return all.size();
    }

    private RScoredSortedSet<String> userTokens(long userId) {
        return redisson.getScoredSortedSet(userTokensKey(userId), StringCodec.INSTANCE);
    }

    private String tokenKey(String tokenId) {
        return keys.key(LoginTokens.TOKEN_DOMAIN, tokenId);
    }

    private String userTokensKey(long userId) {
        return keys.key(LoginTokens.USER_TOKENS_DOMAIN, userId);
    }
}
