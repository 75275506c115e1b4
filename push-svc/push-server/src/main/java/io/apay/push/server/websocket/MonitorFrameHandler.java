package io.apay.push.server.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.push.api.PushErrorCodes;
import io.apay.push.server.service.message.AcceptorMessageService;
import io.apay.push.server.service.report.PaymentReportService;
import io.apay.push.server.service.session.MonitorSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a monitor sends: {@code pong}, {@code payment.received}, {@code ack}. Any frame counts as a sign of life.
 * A frame that cannot be handled gets an {@code error} frame; the socket stays open.
 */
@Component
public class MonitorFrameHandler {

    private static final Logger log = LoggerFactory.getLogger(MonitorFrameHandler.class);

    /** How the simulator and the documented example write a pong; other spellings are parsed as usual. */
    private static final String PONG = "{\"type\":\"pong\"";

    private final PaymentReportService reports;
    private final AcceptorMessageService messages;

    public MonitorFrameHandler(PaymentReportService reports, AcceptorMessageService messages) {
        this.reports = reports;
        this.messages = messages;
    }

    public void handle(MonitorSession session, String payload) {
        if (payload.startsWith(PONG)) { // the frame of every monitor every 2 s: no parsing needed for a sign of life
            return;
        }
        JsonNode frame;
        try {
            frame = Frames.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            frame = null;
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isTextual()) {
            session.send(Frames.error(PushErrorCodes.FRAME_MALFORMED, null, null));
            return;
        }
        String ref = frame.path("id").isTextual() ? truncate(frame.path("id").asText()) : null;
        try {
            switch (frame.path("type").asText()) {
                case "pong" -> { } // the sign of life is all it carries
                case "payment.received" -> {
                    PaymentReportService.Outcome outcome = reports.receive(session, frame);
                    session.send(Frames.reportAck(ref, outcome.status(), outcome.reportId()));
                }
                case "ack" -> {
                    String messageId = frame.path("messageId").isTextual() ? frame.path("messageId").asText() : null;
                    if (messageId == null || messageId.length() > 36) {
                        throw new ServiceException(PushErrorCodes.FRAME_INVALID_FIELD, "messageId is required");
                    }
                    if (!messages.ack(session.acceptorId(), messageId, session.epoch())) {
                        throw new ServiceException(PushErrorCodes.ACK_UNKNOWN_MESSAGE);
                    }
                }
                default -> throw new ServiceException(PushErrorCodes.FRAME_UNKNOWN_TYPE);
            }
        } catch (ServiceException e) {
            session.send(Frames.error(e.errorCode(), e.clientMessage(), ref));
        } catch (RuntimeException e) {
            log.error("{}: frame of type {} failed", session, frame.path("type").asText(), e);
            session.send(Frames.error(CommonErrorCodes.INTERNAL_ERROR, null, ref));
        }
    }

    private static String truncate(String id) {
        return id.length() <= 64 ? id : id.substring(0, 64);
    }
}
