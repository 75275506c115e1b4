package io.apay.push.server.service.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apay.common.core.money.Money;
import io.apay.push.api.message.OrderAssignedMessage;
import io.apay.push.api.message.OrderClosedMessage;
import io.apay.push.server.config.PushProperties;
import io.apay.push.server.dal.dataobject.AcceptorMessageDO;
import io.apay.push.server.dal.mapper.AcceptorMessageMapper;
import io.apay.push.server.websocket.Frames;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Messages other services send to an acceptor's monitor. Each is stored (by the sender's event id) before it is
 * delivered, stays pending until the monitor acknowledges it, and is sent again when a monitor connects until it
 * expires.
 */
@Service
public class AcceptorMessageService {

    public static final String ORDER_ASSIGNED = "order.assigned";
    public static final String ORDER_CLOSED = "order.closed";

    private final AcceptorMessageMapper messages;
    private final PushProperties props;
    private final Clock clock;

    public AcceptorMessageService(AcceptorMessageMapper messages, PushProperties props, Clock clock) {
        this.messages = messages;
        this.props = props;
        this.clock = clock;
    }

    /** Stores an order.assigned (inside the consumer's de-duplication transaction). */
    public AcceptorMessageDO store(String messageId, OrderAssignedMessage m) {
        if (m.acceptorId() <= 0 || blank(m.orderId()) || m.channel() == null || m.payableAmount() == null
                || m.payableAmount().signum() <= 0 || m.payableAmount().scale() > Money.MAX_SCALE
                || m.currency() == null || !m.currency().matches("[A-Z]{3}") || m.expiresAt() == null) {
            throw new AmqpRejectAndDontRequeueException("order.assigned " + messageId + " is incomplete");
        }
        ObjectNode fields = Frames.MAPPER.createObjectNode();
        fields.put("orderId", m.orderId());
        fields.put("channel", m.channel().name());
        fields.put("payableAmount", m.payableAmount().toPlainString());
        fields.put("currency", m.currency());
        fields.put("expiresAt", m.expiresAt().toString());
        return insert(messageId, m.acceptorId(), ORDER_ASSIGNED, fields, m.expiresAt());
    }

    /** Stores an order.closed (inside the consumer's de-duplication transaction). */
    public AcceptorMessageDO store(String messageId, OrderClosedMessage m) {
        if (m.acceptorId() <= 0 || blank(m.orderId()) || blank(m.reason()) || m.closedAt() == null) {
            throw new AmqpRejectAndDontRequeueException("order.closed " + messageId + " is incomplete");
        }
        ObjectNode fields = Frames.MAPPER.createObjectNode();
        fields.put("orderId", m.orderId());
        fields.put("reason", m.reason());
        fields.put("closedAt", m.closedAt().toString());
        return insert(messageId, m.acceptorId(), ORDER_CLOSED, fields, clock.instant().plus(props.getClosedMessageTtl()));
    }

    private AcceptorMessageDO insert(String messageId, long acceptorId, String type, ObjectNode fields, Instant expiresAt) {
        AcceptorMessageDO row = new AcceptorMessageDO();
        row.setMessageId(messageId);
        row.setAcceptorId(acceptorId);
        row.setType(type);
        row.setFrame(fields.toString());
        row.setStatus(AcceptorMessageDO.PENDING);
        row.setExpiresAt(utc(expiresAt));
        row.setCreatedAt(utc(clock.instant()));
        try {
            messages.insert(row);
        } catch (DuplicateKeyException redelivered) {
            return null; // stored (and routed) when this event was first delivered: its id is the message's unique key
        }
        return row;
    }

    /** Pending, unexpired messages of the acceptor, oldest first. */
    public List<AcceptorMessageDO> pending(long acceptorId) {
        return messages.findPending(acceptorId, utc(clock.instant()), props.getReplayLimit());
    }

    /** PENDING -> ACKED. True also for a repeated ack of the acceptor's own message; false if it has no such message. */
    public boolean ack(long acceptorId, String messageId, long epoch) {
        if (messages.ack(acceptorId, messageId, epoch, utc(clock.instant())) == 1) {
            return true;
        }
        return messages.countOwned(acceptorId, messageId) > 0;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
