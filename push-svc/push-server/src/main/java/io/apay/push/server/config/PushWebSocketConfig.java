package io.apay.push.server.config;

import io.apay.push.server.websocket.MonitorHandshakeInterceptor;
import io.apay.push.server.websocket.MonitorWebSocketHandler;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** {@code /ws/monitor} on the servlet container's WebSocket support, with small per-socket buffers. */
@Configuration
@EnableWebSocket
public class PushWebSocketConfig implements WebSocketConfigurer {

    public static final String PATH = "/ws/monitor";

    private final MonitorWebSocketHandler handler;
    private final MonitorHandshakeInterceptor handshake;

    public PushWebSocketConfig(MonitorWebSocketHandler handler, MonitorHandshakeInterceptor handshake) {
        this.handler = handler;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // no Origin check beyond Spring's same-origin default: monitors are apps, not browser pages
        registry.addHandler(handler, PATH).addInterceptors(handshake);
    }

    /** Tomcat's per-connection read and write buffers (8 KiB each by default), sized for monitor frames. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", "4096");
            connector.setProperty("socket.appWriteBufSize", "4096");
        });
    }

    /** Buffers are allocated per socket: sized for monitor frames, not Tomcat's 8 KiB defaults, for 20k sockets. */
    @Bean
    public ServletServerContainerFactoryBean webSocketContainer(PushProperties props) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(props.getMaxFrameChars());
        container.setMaxBinaryMessageBufferSize(1024);
        container.setAsyncSendTimeout(props.getSendTimeout().toMillis());
        container.setMaxSessionIdleTimeout(0L); // liveness is the heartbeat's business
        return container;
    }
}
