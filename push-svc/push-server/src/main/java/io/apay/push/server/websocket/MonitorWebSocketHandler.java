package io.apay.push.server.websocket;

import io.apay.push.server.service.device.DeviceKey;
import io.apay.push.server.service.session.MonitorSession;
import io.apay.push.server.service.session.MonitorSessionService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** {@code /ws/monitor}: thin adapter from the container's callbacks to the session service and the frame handler. */
@Component
public class MonitorWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(MonitorWebSocketHandler.class);

    private final MonitorSessionService sessions;
    private final MonitorFrameHandler frames;
    private final Clock clock;

    public MonitorWebSocketHandler(MonitorSessionService sessions, MonitorFrameHandler frames, Clock clock) {
        this.sessions = sessions;
        this.frames = frames;
        this.clock = clock;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        sessions.opened(socket, (DeviceKey) socket.getAttributes().get(MonitorHandshakeInterceptor.DEVICE_ATTR));
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        MonitorSession session = sessions.of(socket);
        if (session == null || session.isEnded()) {
            return;
        }
        session.seen(clock.millis());
        frames.handle(session, message.getPayload());
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable exception) {
        log.debug("transport error on {}: {}", socket.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        sessions.closed(socket);
    }
}
