package io.apay.gateway.security;

import io.apay.common.core.error.ServiceException;
import io.apay.common.core.net.IpRange;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.core.security.IdentityHeaders;
import io.apay.gateway.GatewayErrorCodes;
import io.apay.user.api.AdminSessions;
import io.apay.user.api.LoginTokens;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RScript;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * The operator session on {@code /admin-api/**} (user-svc opens it; format in {@link AdminSessions}): idle for
 * 30 minutes it ends, and 12 hours after login in any case. The verified operator and roles go to the service as
 * identity headers; an app user's login token is not an operator session and gets 401. The session token is read
 * from {@code Authorization: Bearer} only: a {@code token} query parameter is refused (11090). With an allowlist
 * configured, only those client addresses reach the admin routes at all.
 */
public class AdminTokenFilter implements GatewayFilter, Ordered {

    public static final int ORDER = LoginTokenFilter.ORDER;

    /** Renews an operator session unless it is older than its maximum age; returns {operatorId, roles} or nothing. */
    private static final String TOUCH_SCRIPT = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
            local issued = tonumber(redis.call('HGET', KEYS[1], 'issuedAt'))
            local left = issued + tonumber(ARGV[2]) - tonumber(ARGV[3])
            if left <= 0 then redis.call('DEL', KEYS[1]) return nil end
            redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[1]), left))
            redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[3])
            return {redis.call('HGET', KEYS[1], 'operatorId'), redis.call('HGET', KEYS[1], 'roles')}
            """;

    private final RedissonReactiveClient redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final List<PathPattern> publicPaths;
    private final List<IpRange> allowlist;

    public AdminTokenFilter(RedissonReactiveClient redis, RedisKeys keys, Clock clock, List<PathPattern> publicPaths,
                            List<String> allowlist) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.publicPaths = publicPaths;
        this.allowlist = allowlist.stream().filter(a -> !a.isBlank()).map(IpRange::parse).toList();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!allowlist.isEmpty()) {
            String ip = exchange.getRequest().getHeaders().getFirst(IdentityHeaders.CLIENT_IP);
            if (ip == null || allowlist.stream().noneMatch(c -> c.contains(ip))) {
                return Mono.error(new ServiceException(GatewayErrorCodes.ADMIN_ADDRESS_NOT_ALLOWED));
            }
        }
        // a URL ends up in logs, histories and Referer headers: an operator session is taken from the header only
        if (exchange.getRequest().getQueryParams().containsKey(UrlTokens.PARAM)) {
            return Mono.error(new ServiceException(GatewayErrorCodes.OPERATOR_TOKEN_IN_URL));
        }
        var path = exchange.getRequest().getPath().pathWithinApplication();
        if (publicPaths.stream().anyMatch(p -> p.matches(path))) {
            return chain.filter(exchange);
        }
        Optional<String> token = LoginTokenFilter.bearer(exchange.getRequest());
        if (token.isEmpty()) {
            return Mono.error(new ServiceException(GatewayErrorCodes.TOKEN_MISSING));
        }
        String tokenId = LoginTokens.hash(token.get());
        return redis.getScript(StringCodec.INSTANCE)
                .<List<Object>>eval(RScript.Mode.READ_WRITE, TOUCH_SCRIPT, RScript.ReturnType.MULTI,
                        List.of(keys.key(AdminSessions.DOMAIN, tokenId)), Long.toString(AdminSessions.IDLE.toMillis()),
                        Long.toString(AdminSessions.MAX_AGE.toMillis()), Long.toString(clock.millis()))
                .filter(r -> r.size() == 2 && r.get(0) != null)
                .switchIfEmpty(Mono.error(new ServiceException(GatewayErrorCodes.TOKEN_INVALID)))
                .flatMap(session -> {
                    ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> {
                        h.set(IdentityHeaders.OPERATOR_ID, session.get(0).toString());
                        h.set(IdentityHeaders.OPERATOR_ROLES, session.get(1) == null ? "" : session.get(1).toString());
                        h.set(IdentityHeaders.TOKEN_ID, tokenId);
                        h.remove("Authorization");
                    }).build();
                    return chain.filter(exchange.mutate().request(request).build());
                });
    }
}
