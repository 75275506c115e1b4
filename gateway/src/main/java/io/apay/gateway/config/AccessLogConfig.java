package io.apay.gateway.config;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.ReactorNetty;
import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;

/**
 * The gateway's access log (logger {@code reactor.netty.http.server.AccessLog}), in Reactor Netty's usual format
 * but with the secrets a URL carries masked ({@link #target}). Also in force when the log is switched on with
 * Reactor Netty's own system property, so no setting can log a secret.
 */
@Configuration
public class AccessLogConfig {

    static final String MASK = "****";
    /** The cashier token in the path of the cashier page's order call ({@code /cashier/api/orders/<token>}). */
    private static final Pattern CASHIER_TOKEN = Pattern.compile("(?i)(/cashier/api/orders/)[^/]+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);

    @Bean
    public NettyServerCustomizer maskedAccessLog(@Value("${apay.gateway.access-log:true}") boolean enabled) {
        boolean on = enabled || Boolean.getBoolean(ReactorNetty.ACCESS_LOG_ENABLED);
        return server -> server.accessLog(on, AccessLogConfig::line);
    }

    static AccessLog line(AccessLogArgProvider a) {
        return AccessLog.create("{} - {} [{}] \"{} {} {}\" {} {} {}", address(a.remoteAddress()), a.user(),
                a.accessDateTime() == null ? "-" : a.accessDateTime().format(TIME), a.method(), target(String.valueOf(a.uri())),
                a.protocol(), a.status(), a.contentLength() < 0 ? "-" : a.contentLength(), a.duration());
    }

    /**
     * A request target as the log shows it. Secrets travel as query values (a login token in {@code ?token=}, the
     * cashier token in {@code /cashier/?o=}, a file link's {@code signature=} that opens an identity document), so
     * by rule every query value is masked, whatever its name: a new secret parameter cannot be forgotten here.
     * Parameter names stay, so the log still tells requests apart; a pair without {@code =} is masked whole.
     */
    public static String target(String target) {
        int q = target.indexOf('?');
        String path = CASHIER_TOKEN.matcher(q < 0 ? target : target.substring(0, q)).replaceAll("$1" + MASK);
        if (q < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path).append('?');
        String query = target.substring(q + 1);
        if (query.isEmpty()) {
            return out.toString();
        }
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            out.append(i == 0 ? "" : "&").append(eq < 0 ? MASK : pairs[i].substring(0, eq + 1) + MASK);
        }
        return out.toString();
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getHostString() : String.valueOf(address);
    }
}
