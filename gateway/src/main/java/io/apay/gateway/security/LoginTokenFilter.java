package io.apay.gateway.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.core.security.IdentityHeaders;
import io.apay.gateway.GatewayErrorCodes;
import io.apay.user.api.LoginTokens;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
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
 * The login token (user-svc issues it; format in {@link LoginTokens}): from {@code Authorization: Bearer <token>}.
 * Only the monitor's WebSocket upgrade, whose client cannot set headers, may carry it in the {@code token} query
 * parameter ({@link #acceptingUrlToken()}); that parameter is removed before the upgrade goes on ({@link UrlTokens}).
 * Anywhere else a URL token is refused (11091), public paths included: a URL ends up in logs, browser histories and
 * {@code Referer} headers, and must not reach a service. A known token's
 * life is renewed to 7 days on every use. A request that names a user id - the {@code userId} query parameter or
 * top-level body field, or the path segment after {@code /users/} - must name the token's own user. The verified
 * user, device and token id are passed on as identity headers. Public paths (registration, login, SMS codes) skip
 * the check.
 */
public class LoginTokenFilter implements GatewayFilter, Ordered {

    public static final int ORDER = AppSignatureFilter.ORDER + 10;
    private static final JsonFactory JSON = new JsonFactory();

    /** Renews a token and its user's token index, returns {userId, deviceId}, or nothing for an unknown token. */
    private static final String TOUCH_SCRIPT = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[2])
            local user = redis.call('HGET', KEYS[1], 'userId')
            redis.call('PEXPIRE', ARGV[3] .. user, ARGV[1])
            return {user, redis.call('HGET', KEYS[1], 'deviceId')}
            """;

    private final RedissonReactiveClient redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final List<PathPattern> publicPaths;
    private final BodyLimits bodyLimits;
    private final boolean urlToken;

    public LoginTokenFilter(RedissonReactiveClient redis, RedisKeys keys, Clock clock, List<PathPattern> publicPaths, BodyLimits bodyLimits) {
        this(redis, keys, clock, publicPaths, bodyLimits, false);
    }

    private LoginTokenFilter(RedissonReactiveClient redis, RedisKeys keys, Clock clock, List<PathPattern> publicPaths,
                             BodyLimits bodyLimits, boolean urlToken) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.publicPaths = publicPaths;
        this.bodyLimits = bodyLimits;
        this.urlToken = urlToken;
    }

    /** The same check for a WebSocket upgrade: the token may also come as the {@code token} query parameter. */
    public LoginTokenFilter acceptingUrlToken() {
        return new LoginTokenFilter(redis, keys, clock, publicPaths, bodyLimits, true);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        // the name as decoded, so %74oken= is the same parameter
        if (!urlToken && exchange.getRequest().getQueryParams().containsKey(UrlTokens.PARAM)) {
            return Mono.error(new ServiceException(GatewayErrorCodes.LOGIN_TOKEN_IN_URL));
        }
        if (isPublic(exchange)) {
            return chain.filter(exchange);
        }
        Optional<String> token = urlToken ? token(exchange.getRequest()) : bearer(exchange.getRequest());
        if (token.isEmpty()) {
            return Mono.error(new ServiceException(GatewayErrorCodes.TOKEN_MISSING));
        }
        String tokenId = LoginTokens.hash(token.get());
        return CachedBody.cache(exchange, bodyLimits.of(exchange)).flatMap(cached -> touch(tokenId).flatMap(owner -> {
            long userId = owner.userId();
            if (claimsAnotherUser(cached, userId)) {
                return Mono.error(new ServiceException(GatewayErrorCodes.USER_MISMATCH));
            }
            ServerHttpRequest request = cached.getRequest().mutate().uri(UrlTokens.strip(cached.getRequest().getURI())).headers(h -> {
                h.set(IdentityHeaders.USER_ID, Long.toString(userId));
                h.set(IdentityHeaders.DEVICE_ID, owner.deviceId());
                h.set(IdentityHeaders.TOKEN_ID, tokenId);
                h.remove("Authorization"); // services never see the token itself
            }).build();
            return chain.filter(cached.mutate().request(request).build());
        }));
    }

    private record Owner(long userId, String deviceId) {
    }

    private Mono<Owner> touch(String tokenId) {
        return redis.getScript(StringCodec.INSTANCE)
                .<List<Object>>eval(RScript.Mode.READ_WRITE, TOUCH_SCRIPT, RScript.ReturnType.MULTI,
                        List.of(keys.key(LoginTokens.TOKEN_DOMAIN, tokenId)),
                        Long.toString(LoginTokens.TTL.toMillis()), Long.toString(clock.millis()),
                        keys.key(LoginTokens.USER_TOKENS_DOMAIN) + ":")
                .filter(r -> r.size() == 2 && r.get(0) != null)
                .map(r -> new Owner(Long.parseLong(r.get(0).toString()), r.get(1) == null ? "" : r.get(1).toString()))
                .switchIfEmpty(Mono.error(new ServiceException(GatewayErrorCodes.TOKEN_INVALID)));
    }

    private boolean isPublic(ServerWebExchange exchange) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        return publicPaths.stream().anyMatch(p -> p.matches(path));
    }

    static Optional<String> token(ServerHttpRequest request) {
        return bearer(request).or(() -> Optional.ofNullable(request.getQueryParams().getFirst(UrlTokens.PARAM)).filter(t -> !t.isBlank()));
    }

    /** The token of {@code Authorization: Bearer <token>}. */
    static Optional<String> bearer(ServerHttpRequest request) {
        String auth = request.getHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.length() > 7) {
            return Optional.of(auth.substring(7).trim());
        }
        return Optional.empty();
    }

    /** Does the request name a user id other than {@code userId}? */
    static boolean claimsAnotherUser(ServerWebExchange exchange, long userId) {
        List<String> claimed = new ArrayList<>(exchange.getRequest().getQueryParams().getOrDefault("userId", List.of()));
        String[] segments = exchange.getRequest().getPath().value().split("/");
        for (int i = 0; i + 1 < segments.length; i++) {
            if (segments[i].equals("users")) {
                claimed.add(segments[i + 1]);
            }
        }
        String type = exchange.getRequest().getHeaders().getFirst("Content-Type");
        byte[] body = CachedBody.of(exchange);
        if (body.length > 0 && type != null && type.toLowerCase().startsWith("application/json")) {
            bodyUserId(body).ifPresent(claimed::add);
        }
        String own = Long.toString(userId);
        return claimed.stream().anyMatch(c -> !c.equals(own));
    }

    private static Optional<String> bodyUserId(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("userId") && t.isScalarValue()) {
                    return Optional.of(p.getText());
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return Optional.empty(); // not JSON: the service will refuse it
        }
        return Optional.empty();
    }
}
