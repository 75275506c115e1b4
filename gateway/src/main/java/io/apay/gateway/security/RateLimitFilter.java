package io.apay.gateway.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.core.security.IdentityHeaders;
import io.apay.gateway.GatewayErrorCodes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RScript;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * Rate limits on the routes that attackers hammer (login, SMS codes): a fixed window per client IP and per
 * account - the logged-in user, or on public routes the {@code phone} or {@code username} the request is about. Counters live in
 * Redis, so every gateway replica shares them. Over the limit: 429 with {@code Retry-After}.
 */
public class RateLimitFilter implements GatewayFilter, Ordered {

    public static final int ORDER = LoginTokenFilter.ORDER + 10;
    private static final JsonFactory JSON = new JsonFactory();

    /** INCR, starting the window on the first hit; returns {count, ms left in the window}. */
    private static final String HIT_SCRIPT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {n, redis.call('PTTL', KEYS[1])}
            """;

    /** A limit: on paths matching {@code path}, at most {@code perIp} and {@code perAccount} requests per window. */
    public record Rule(String name, PathPattern path, int perIp, int perAccount, Duration window) {
    }

    private final RedissonReactiveClient redis;
    private final RedisKeys keys;
    private final List<Rule> rules;
    private final BodyLimits bodyLimits;

    public RateLimitFilter(RedissonReactiveClient redis, RedisKeys keys, List<Rule> rules, BodyLimits bodyLimits) {
        this.redis = redis;
        this.keys = keys;
        this.rules = rules;
        this.bodyLimits = bodyLimits;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        Optional<Rule> rule = rules.stream().filter(r -> r.path().matches(path)).findFirst();
        if (rule.isEmpty()) {
            return chain.filter(exchange);
        }
        Rule r = rule.get();
        return CachedBody.cache(exchange, bodyLimits.of(exchange)).flatMap(cached -> {
            String ip = cached.getRequest().getHeaders().getFirst(IdentityHeaders.CLIENT_IP);
            Mono<Void> checks = hit(cached, r, "ip", ip, r.perIp(), GatewayErrorCodes.RATE_LIMITED_IP);
            Optional<String> account = account(cached);
            if (account.isPresent()) {
                checks = checks.then(hit(cached, r, "account", account.get(), r.perAccount(), GatewayErrorCodes.RATE_LIMITED_ACCOUNT));
            }
            return checks.then(chain.filter(cached));
        });
    }

    private Mono<Void> hit(ServerWebExchange exchange, Rule rule, String dimension, String who, int limit, ErrorCode error) {
        if (who == null || who.isBlank()) {
            return Mono.empty();
        }
        return redis.getScript(StringCodec.INSTANCE)
                .<List<Long>>eval(RScript.Mode.READ_WRITE, HIT_SCRIPT, RScript.ReturnType.MULTI,
                        List.of(keys.key("rate", rule.name(), dimension, who)), Long.toString(rule.window().toMillis()))
                .flatMap(result -> {
                    long count = result.get(0);
                    if (count <= limit) {
                        return Mono.empty();
                    }
                    long retryAfter = Math.max(1, (result.get(1) + 999) / 1000);
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
                    return Mono.error(new ServiceException(error));
                });
    }

    private static Optional<String> account(ServerWebExchange exchange) {
        String user = exchange.getRequest().getHeaders().getFirst(IdentityHeaders.USER_ID);
        if (user != null) {
            return Optional.of("user:" + user);
        }
        return accountOf(CachedBody.of(exchange));
    }

    /** The account a public request is about: its {@code phone} (app login, SMS) or {@code username} (operator login). */
    private static Optional<String> accountOf(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("phone") && t == JsonToken.VALUE_STRING) {
                    return Optional.of("phone:" + p.getText().replaceAll("[^0-9]", ""));
                }
                if (name.equals("username") && t == JsonToken.VALUE_STRING) {
                    return Optional.of("username:" + p.getText().toLowerCase());
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
