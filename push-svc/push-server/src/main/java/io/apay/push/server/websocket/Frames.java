package io.apay.push.server.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.json.ApayJackson;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** The JSON frames the server sends (docs/monitor-protocol.md). Times are ISO-8601 UTC, money decimal strings. */
public final class Frames {

    public static final ObjectMapper MAPPER = ApayJackson.newMapper();

    private Frames() {
    }

    public static String welcome(long acceptorId, String deviceId, long epoch, long nowMillis, long heartbeatMillis,
                                 long reconnectAfterMillis) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "welcome");
        n.put("acceptorId", acceptorId);
        n.put("deviceId", deviceId);
        n.put("epoch", epoch);
        n.put("serverTime", time(nowMillis));
        n.put("heartbeatIntervalMs", heartbeatMillis);
        n.put("reconnectAfterMs", reconnectAfterMillis);
        return n.toString();
    }

    /** Hot path (every monitor, every 2 s): plain concatenation. */
    public static String ping(long nowMillis, long epoch, long seq) {
        return "{\"type\":\"ping\",\"serverTime\":\"" + time(nowMillis) + "\",\"epoch\":" + epoch + ",\"seq\":" + seq + "}";
    }

    /** A stored message (order.assigned, order.closed) as sent on the connection of {@code epoch}. */
    public static String message(String type, String messageId, long epoch, String fieldsJson) {
        try {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("type", type);
            n.put("messageId", messageId);
            n.put("epoch", epoch);
            n.setAll((ObjectNode) MAPPER.readTree(fieldsJson));
            return n.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message " + messageId + " is not JSON", e);
        }
    }

    public static String reportAck(String ref, String status, String reportId) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "ack");
        if (ref != null) {
            n.put("ref", ref);
        }
        n.put("status", status);
        n.put("reportId", reportId);
        return n.toString();
    }

    public static String error(ErrorCode code, String message, String ref) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "error");
        n.put("code", code.code());
        n.put("message", message != null ? message : code.message());
        if (ref != null) {
            n.put("ref", ref);
        }
        return n.toString();
    }

    static String time(long millis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
    }
}
