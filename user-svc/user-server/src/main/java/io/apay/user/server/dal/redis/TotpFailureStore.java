package io.apay.user.server.dal.redis;

import io.apay.common.core.redis.RedisKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * Wrong two-factor codes of one user, in Redis ({@code <prefix>totp-failures:user:<id>}, a hash with an expiry):
 * how many in the current window, when the window ends, and until when two-factor is locked. Times come from the
 * application's clock (tests move it); the key's own expiry only cleans up.
 */
@Component
public class TotpFailureStore {

    /**
     * Takes one attempt, counted as wrong until {@link #clear} says otherwise: counting before the code is checked
     * means parallel guesses cannot slip past the limit. Answers -(ms left) if locked (nothing counted), else the
     * attempt's number in the window; the {@code max}-th locks at once (a right code then clears it).
     * ARGV: now (ms), max, window (ms), lock (ms).
     */
    private static final String ATTEMPT_SCRIPT = """
            local now = tonumber(ARGV[1])
            local h = redis.call('HMGET', KEYS[1], 'failures', 'windowEnds', 'lockedUntil')
            local lockedUntil = tonumber(h[3] or '0')
            if lockedUntil > now then return -(lockedUntil - now) end
            local failures = tonumber(h[1] or '0')
            local windowEnds = tonumber(h[2] or '0')
            if windowEnds <= now then
              failures = 0
              windowEnds = now + tonumber(ARGV[3])
            end
            failures = failures + 1
            local expiresAt = windowEnds
            lockedUntil = 0
            if failures >= tonumber(ARGV[2]) then
              lockedUntil = now + tonumber(ARGV[4])
              expiresAt = math.max(windowEnds, lockedUntil)
            end
            redis.call('HSET', KEYS[1], 'failures', failures, 'windowEnds', string.format('%.0f', windowEnds),
              'lockedUntil', string.format('%.0f', lockedUntil))
            redis.call('PEXPIRE', KEYS[1], string.format('%.0f', expiresAt - now))
            return failures
            """;

    /** What became of an attempt: allowed as the {@code number}-th of the window, or refused while locked. */
    public record Attempt(long number, Duration lockedFor) {
        public boolean locked() {
            return lockedFor != null;
        }
    }

    private final RedissonClient redisson;
    private final RedisKeys keys;
    private final Clock clock;

    public TotpFailureStore(RedissonClient redisson, RedisKeys keys, Clock clock) {
        this.redisson = redisson;
        this.keys = keys;
        this.clock = clock;
    }

    public Attempt attempt(long userId, int maxFailures, Duration window, Duration lock) {
        Long result = redisson.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, ATTEMPT_SCRIPT,
                RScript.ReturnType.INTEGER, List.of(key(userId)), Long.toString(clock.millis()),
                Integer.toString(maxFailures), Long.toString(window.toMillis()), Long.toString(lock.toMillis()));
        if (result == null) {
            throw new IllegalStateException("two-factor attempt script answered nothing");
        }
        return result < 0 ? new Attempt(0, Duration.ofMillis(-result)) : new Attempt(result, null);
    }

    /** A right code (or a new seed): the count starts again. */
    public void clear(long userId) {
        redisson.getKeys().delete(key(userId));
    }

    private String key(long userId) {
        return keys.key("totp-failures", "user", userId);
    }
}
