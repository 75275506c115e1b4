package io.apay.common.core.redis;

/**
 * Every Redis key apay writes is built here: {@code <prefix><domain>:<parts...>}. The prefix is "apay:" in a real
 * deployment; each integration test gets its own so runs never collide. Keys shared between services (login
 * tokens, acceptor sessions) use the same domain names on both sides.
 */
public class RedisKeys {

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String key(String domain, Object... parts) {
        StringBuilder sb = new StringBuilder(prefix).append(domain);
        for (Object part : parts) {
            sb.append(':').append(part);
        }
        return sb.toString();
    }
}
