package io.apay.push.server.config;

import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of push-svc ({@code apay.push.*}); defaults in application.yml, described in docs/monitor-protocol.md. */
@ConfigurationProperties("apay.push")
public class PushProperties {

    /** A ping goes to every monitor this often. */
    private Duration heartbeatInterval = Duration.ofSeconds(2);
    /** A monitor silent for this many heartbeats is disconnected (and its acceptor paused). */
    private int missedHeartbeats = 3;
    /** The timing wheel: each heartbeat interval is cut into this many ticks; a session is pinged on its slot's tick. */
    private int wheelSlots = 4;
    /** Frames waiting to be written to one socket; a socket that falls further behind is closed. */
    private int sendQueueLimit = 32;
    /** A single frame write may take this long before the socket is considered dead. */
    private Duration sendTimeout = Duration.ofSeconds(5);
    /** How far the handshake timestamp may be from the server's clock. */
    private Duration handshakeMaxSkew = Duration.ofMinutes(5);
    private int maxDevicesPerAcceptor = 5;
    /** A replica renews its lease every heartbeat; a replica whose lease lapses has its acceptors paused. */
    private Duration nodeLease = Duration.ofSeconds(10);
    /** How long an unacknowledged order.closed is kept for redelivery. */
    private Duration closedMessageTtl = Duration.ofMinutes(15);
    /** At most this many pending messages are sent again when a monitor connects. */
    private int replayLimit = 100;
    /** Larger text frames close the socket with 1009. */
    private int maxFrameChars = 4096;
    /** Start the heartbeat scheduler with the application (tests drive it by hand). */
    private boolean autoStart = true;
    /** This replica's id in the session registry; random per start unless set. */
    private String nodeId = UUID.randomUUID().toString();

    /** Silence after which a monitor counts as gone: {@code missedHeartbeats x heartbeatInterval}. */
    public Duration silenceLimit() {
        return heartbeatInterval.multipliedBy(missedHeartbeats);
    }

    public Duration tickInterval() {
        return heartbeatInterval.dividedBy(wheelSlots);
    }

    public Duration getHeartbeatInterval() { return heartbeatInterval; }
    public void setHeartbeatInterval(Duration heartbeatInterval) { this.heartbeatInterval = heartbeatInterval; }
    public int getMissedHeartbeats() { return missedHeartbeats; }
    public void setMissedHeartbeats(int missedHeartbeats) { this.missedHeartbeats = missedHeartbeats; }
    public int getWheelSlots() { return wheelSlots; }
    public void setWheelSlots(int wheelSlots) { this.wheelSlots = wheelSlots; }
    public int getSendQueueLimit() { return sendQueueLimit; }
    public void setSendQueueLimit(int sendQueueLimit) { this.sendQueueLimit = sendQueueLimit; }
    public Duration getSendTimeout() { return sendTimeout; }
    public void setSendTimeout(Duration sendTimeout) { this.sendTimeout = sendTimeout; }
    public Duration getHandshakeMaxSkew() { return handshakeMaxSkew; }
    public void setHandshakeMaxSkew(Duration handshakeMaxSkew) { this.handshakeMaxSkew = handshakeMaxSkew; }
    public int getMaxDevicesPerAcceptor() { return maxDevicesPerAcceptor; }
    public void setMaxDevicesPerAcceptor(int maxDevicesPerAcceptor) { this.maxDevicesPerAcceptor = maxDevicesPerAcceptor; }
    public Duration getNodeLease() { return nodeLease; }
    public void setNodeLease(Duration nodeLease) { this.nodeLease = nodeLease; }
    public Duration getClosedMessageTtl() { return closedMessageTtl; }
    public void setClosedMessageTtl(Duration closedMessageTtl) { this.closedMessageTtl = closedMessageTtl; }
    public int getReplayLimit() { return replayLimit; }
    public void setReplayLimit(int replayLimit) { this.replayLimit = replayLimit; }
    public int getMaxFrameChars() { return maxFrameChars; }
    public void setMaxFrameChars(int maxFrameChars) { this.maxFrameChars = maxFrameChars; }
    public boolean isAutoStart() { return autoStart; }
    public void setAutoStart(boolean autoStart) { this.autoStart = autoStart; }
    public String getNodeId() { return nodeId; }
    public void setNodeId(String nodeId) { this.nodeId = nodeId; }
}
