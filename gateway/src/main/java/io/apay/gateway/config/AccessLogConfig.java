package io.apay.gateway.config;

import io.apay.gateway.security.UrlTokens;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.ReactorNetty;
import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;

/**
 * The gateway's access log (logger {@code reactor.netty.http.server.AccessLog}), in Reactor Netty's usual format
 * but with a login token in the URL ({@code ?token=}, the monitor's WebSocket upgrade) masked. Also in force when
 * the log is switched on with Reactor Netty's own system property, so no setting can log a token.
 */
@Configuration
public class AccessLogConfig {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);

    @Bean
    public NettyServerCustomizer maskedAccessLog(@Value("${apay.gateway.access-log:true}") boolean enabled) {
        boolean on = enabled || Boolean.getBoolean(ReactorNetty.ACCESS_LOG_ENABLED);
        return server -> server.accessLog(on, AccessLogConfig::line);
    }

    static AccessLog line(AccessLogArgProvider a) {
        return AccessLog.create("{} - {} [{}] \"{} {} {}\" {} {} {}", address(a.remoteAddress()), a.user(),
                a.accessDateTime() == null ? "-" : a.accessDateTime().format(TIME), a.method(), UrlTokens.mask(String.valueOf(a.uri())),
                a.protocol(), a.status(), a.contentLength() < 0 ? "-" : a.contentLength(), a.duration());
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getHostString() : String.valueOf(address);
    }
}
