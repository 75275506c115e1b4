package io.apay.push.server.mq;

import io.apay.push.server.service.session.NodeCommand;
import io.apay.push.server.service.session.MonitorSessionService;
import io.apay.push.server.service.session.CloseCodes;
import io.apay.push.server.websocket.Frames;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Commands for the sockets this replica holds (from any replica, including itself). */
@Component
public class NodeCommandListener {

    private static final Logger log = LoggerFactory.getLogger(NodeCommandListener.class);

    private final MonitorSessionService sessions;

    public NodeCommandListener(MonitorSessionService sessions) {
        this.sessions = sessions;
    }

    @RabbitListener(queues = "#{pushNodeQueue.name}")
    public void on(Message message) {
        NodeCommand command;
        try {
            command = Frames.MAPPER.readValue(message.getBody(), NodeCommand.class);
        } catch (IOException e) {
            log.warn("unreadable node command dropped: {}", e.toString());
            return;
        }
        switch (command.kind()) {
            case NodeCommand.DELIVER -> sessions.deliverLocal(command);
            case NodeCommand.KICK -> sessions.kick(command.acceptorId(), command.epoch(),
                    sessions.nodeId(), CloseCodes.of(command.closeCode()));
            default -> log.warn("unknown node command {} dropped", command.kind());
        }
    }
}
