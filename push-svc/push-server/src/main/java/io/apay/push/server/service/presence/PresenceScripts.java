package io.apay.push.server.service.presence;

/**
 * The Lua scripts that change an acceptor's presence. Each runs atomically in Redis, so every transition is a
 * compare-and-set on the connection epoch. The session hash {@code push:session:<acceptor>} keeps the highest epoch
 * ever registered even when offline, so a connection that was handed an older epoch can never come back online
 * over a newer one, and the end of an old connection can never pause a newer one.
 */
final class PresenceScripts {

    private PresenceScripts() {
    }

    /**
     * KEYS[1] epoch counter. A strictly increasing epoch per acceptor. The counter starts at the Redis server's time
     * in microseconds, so even if Redis lost the counter a new epoch is still above every one handed out before.
     */
    static final String NEXT_EPOCH = """
            if redis.call('EXISTS', KEYS[1]) == 0 then
              local t = redis.call('TIME')
              redis.call('SET', KEYS[1], string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2])))
            end
            return redis.call('INCR', KEYS[1])
            """;

    /**
     * KEYS[1] session hash, KEYS[2] online set; ARGV: acceptorId, epoch, node, deviceId, nowMillis.
     * Online only if the epoch is greater than any registered before. Returns {applied, prevEpoch, prevOnline, prevNode}.
     */
    static final String ONLINE = """
            local cur = redis.call('HMGET', KEYS[1], 'epoch', 'online', 'node')
            local curEpoch = cur[1] or '0'
            if tonumber(curEpoch) >= tonumber(ARGV[2]) then
              return {'0', curEpoch, cur[2] or '0', cur[3] or ''}
            end
            redis.call('HSET', KEYS[1], 'epoch', ARGV[2], 'online', '1', 'node', ARGV[3], 'device', ARGV[4], 'since', ARGV[5])
            redis.call('ZADD', KEYS[2], ARGV[1], ARGV[1])
            return {'1', curEpoch, cur[2] or '0', cur[3] or ''}
            """;

    /**
     * KEYS[1] session hash, KEYS[2] online set; ARGV: acceptorId, epoch, nowMillis.
     * Offline only if that epoch is the live one. Returns 1 if the acceptor went offline.
     */
    static final String OFFLINE = """
            local cur = redis.call('HMGET', KEYS[1], 'epoch', 'online')
            if cur[1] ~= ARGV[2] or cur[2] ~= '1' then
              return 0
            end
            redis.call('HSET', KEYS[1], 'online', '0', 'ended', ARGV[3])
            redis.call('ZREM', KEYS[2], ARGV[1])
            return 1
            """;

    /**
     * KEYS[1] session hash, KEYS[2] online set; ARGV: acceptorId, lostNode, nowMillis.
     * Offline only if the live connection is held by the lost replica. Returns its epoch, or '0'.
     */
    static final String REAP = """
            local cur = redis.call('HMGET', KEYS[1], 'epoch', 'online', 'node')
            if cur[2] ~= '1' or cur[3] ~= ARGV[2] then
              return '0'
            end
            redis.call('HSET', KEYS[1], 'online', '0', 'ended', ARGV[3])
            redis.call('ZREM', KEYS[2], ARGV[1])
            return cur[1]
            """;
}
