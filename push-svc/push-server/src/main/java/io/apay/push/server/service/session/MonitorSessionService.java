package io.apay.push.server.service.session;

import io.apay.push.api.event.OfflineReason;
import io.apay.push.server.config.PushProperties;
import io.apay.push.server.dal.dataobject.AcceptorMessageDO;
import io.apay.push.server.service.device.DeviceKey;
import io.apay.push.server.service.message.AcceptorMessageService;
import io.apay.push.server.service.presence.OnlineResult;
import io.apay.push.server.service.presence.PresenceService;
import io.apay.push.server.service.presence.SessionLocation;
import io.apay.push.server.websocket.Frames;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

/**
 * The life of monitor connections on this replica: a connection gets the acceptor's next epoch and goes online by
 * compare-and-set; the older live connection, if any, is closed (here, or through its replica's queue); a
 * connection that ends tries to go offline with its own epoch, which changes nothing if a newer one is live.
 * Messages for an acceptor are written only to the connection of the live epoch.
 */
@Service
public class MonitorSessionService {

    private static final Logger log = LoggerFactory.getLogger(MonitorSessionService.class);
    static final String SESSION_ATTR = "apay.monitorSession";
    /** Tomcat's timeout for the blocking write of a close frame (default 20 s). */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final int MAX_HOPS = 3;

    private final SessionRegistry registry;
    private final PresenceService presence;
    private final AcceptorMessageService messages;
    private final NodeMessenger messenger;
    private final PushProperties props;
    private final Clock clock;
    private final AtomicInteger slots = new AtomicInteger();
    private final AtomicLong pingSeq = new AtomicLong();
    /** Ending sessions does Redis and database work: never on the heartbeat thread. */
    private final ExecutorService enders = pool("push-end", 2);
    /** Registering new connections: at most 4 at once (the database pool has 10 connections). */
    private final ExecutorService connectors = pool("push-connect", 4);
    /** Closing a socket can block on a dead peer (bounded by the blocking send timeout). */
    private final ExecutorService closers = pool("push-close", 4);

    public MonitorSessionService(SessionRegistry registry, PresenceService presence, AcceptorMessageService messages,
                                 NodeMessenger messenger, PushProperties props, Clock clock) {
        this.registry = registry;
        this.presence = presence;
        this.messages = messages;
        this.messenger = messenger;
        this.props = props;
        this.clock = clock;
    }

    /**
     * A monitor's socket is open (handshake verified). Registering it (epoch, compare-and-set, outbox row, pending
     * messages) is done by a small pool, not on the container's thread: in a reconnect storm the container's threads
     * stay free to read the pongs of the monitors already connected, and the database pool is never queued for.
     */
    public void opened(WebSocketSession socket, DeviceKey device) {
        ((StandardWebSocketSession) socket).getNativeSession(Session.class).getUserProperties()
                .put(TOMCAT_BLOCKING_SEND_TIMEOUT, props.getSendTimeout().toMillis());
        MonitorSession session = new MonitorSession(socket, device, Math.floorMod(slots.getAndIncrement(), props.getWheelSlots()),
                props.getSendQueueLimit(), clock.millis(), this::stuck);
        socket.getAttributes().put(SESSION_ATTR, session);
        connectors.execute(() -> register(session));
    }

    void register(MonitorSession session) {
        if (session.isEnded()) {
            return; // closed while waiting for its turn
        }
        DeviceKey device = session.device();
        OnlineResult online;
        try {
            session.epoch(presence.nextEpoch(device.acceptorId()));
            registry.add(session);
            online = presence.goOnline(device.acceptorId(), session.epoch(), device.deviceId());
        } catch (RuntimeException e) {
            log.error("monitor of acceptor {} could not be registered", device.acceptorId(), e);
            end(session, OfflineReason.CLOSED, CloseCodes.SERVER_ERROR);
            return;
        }
        if (!online.applied()) {
            log.info("{} lost to a newer connection (epoch {}) before it came online", session, online.previousEpoch());
            end(session, OfflineReason.CLOSED, CloseCodes.SUPERSEDED);
            return;
        }
        if (session.isEnded()) {
            // it closed while coming online: its own offline found nothing to end, so end it now (same epoch)
            presence.goOffline(device.acceptorId(), session.epoch(), OfflineReason.CLOSED);
            return;
        }
        session.seen(clock.millis());
        session.send(Frames.welcome(device.acceptorId(), device.deviceId(), session.epoch(), clock.millis(),
                props.getHeartbeatInterval().toMillis(), props.silenceLimit().toMillis()));
        session.ready();
        log.info("{} online (device {})", session, device.deviceId());
        if (online.previousOnline()) {
            kick(device.acceptorId(), online.previousEpoch(), online.previousNode(), CloseCodes.SUPERSEDED);
        }
        for (AcceptorMessageDO m : messages.pending(device.acceptorId())) {
            session.send(Frames.message(m.getType(), m.getMessageId(), session.epoch(), m.getFrame()));
        }
    }

    public MonitorSession of(WebSocketSession socket) {
        return (MonitorSession) socket.getAttributes().get(SESSION_ATTR);
    }

    /** The socket closed (by the monitor, the network, or us). */
    public void closed(WebSocketSession socket) {
        MonitorSession session = of(socket);
        if (session != null) {
            end(session, OfflineReason.CLOSED, null);
        }
    }

    /** Heartbeat: the session was silent too long or its writes hang. Hands it to the enders, once. */
    public void expire(MonitorSession session, boolean silent) {
        if (session.markExpiring()) {
            enders.execute(() -> end(session, silent ? OfflineReason.HEARTBEAT_TIMEOUT : OfflineReason.CLOSED,
                    silent ? CloseCodes.HEARTBEAT_TIMEOUT : CloseCodes.TOO_SLOW));
        }
    }

    private void stuck(MonitorSession session) {
        expire(session, false);
    }

    /**
     * Ends a session once: forget it, try to go offline with its epoch (a no-op if a newer connection is live), and
     * close the socket if it is still open.
     */
    public void end(MonitorSession session, OfflineReason reason, CloseStatus closeStatus) {
        if (!session.markEnded()) {
            return;
        }
        registry.remove(session);
        try {
            if (session.epoch() > 0) {
                presence.goOffline(session.acceptorId(), session.epoch(), reason);
            }
        } catch (RuntimeException e) {
            log.error("{} ended ({}) but its offline transition failed", session, reason, e);
        } finally {
            if (closeStatus != null && session.socket().isOpen()) {
                closers.execute(() -> closeQuietly(session.socket(), closeStatus));
            }
        }
    }

    /** Closes the acceptor's connection of {@code epoch}, wherever it is. */
    public void kick(long acceptorId, long epoch, String node, CloseStatus status) {
        if (props.getNodeId().equals(node)) {
            kickLocal(acceptorId, epoch, status);
        } else if (node != null && !node.isEmpty()) {
            messenger.send(node, NodeCommand.kick(acceptorId, epoch, status.getCode()));
        }
    }

    void kickLocal(long acceptorId, long epoch, CloseStatus status) {
        MonitorSession old = registry.find(acceptorId, epoch);
        if (old != null) {
            enders.execute(() -> end(old, status == CloseCodes.DEVICE_REVOKED ? OfflineReason.DEVICE_REVOKED
                    : OfflineReason.CLOSED, status));
        }
    }

    /** Sends a stored message towards the acceptor's live connection, if any; otherwise it waits for a connect. */
    public void route(long acceptorId, String messageId, String type, String fields) {
        Optional<SessionLocation> live = presence.current(acceptorId);
        if (live.isEmpty()) {
            log.info("{} {} for acceptor {} kept: no monitor online", type, messageId, acceptorId);
            return;
        }
        forward(live.get(), NodeCommand.deliver(acceptorId, live.get().epoch(), messageId, type, fields, 0));
    }

    private void forward(SessionLocation live, NodeCommand command) {
        if (props.getNodeId().equals(live.node())) {
            deliverLocal(command);
        } else {
            messenger.send(live.node(), command);
        }
    }

    /**
     * Writes the message to this replica's connection of exactly the command's epoch, and only while that epoch
     * is the live one. If a newer connection took over meanwhile, the message follows it.
     */
    public void deliverLocal(NodeCommand c) {
        MonitorSession session = registry.find(c.acceptorId(), c.epoch());
        if (session != null && session.isReady() && presence.isLive(c.acceptorId(), c.epoch())) {
            session.send(Frames.message(c.type(), c.messageId(), c.epoch(), c.fields()));
            return;
        }
        Optional<SessionLocation> live = presence.current(c.acceptorId());
        if (live.isPresent() && live.get().epoch() > c.epoch() && c.hops() < MAX_HOPS) {
            forward(live.get(), NodeCommand.deliver(c.acceptorId(), live.get().epoch(), c.messageId(), c.type(),
                    c.fields(), c.hops() + 1));
        } else {
            log.info("{} {} for acceptor {} epoch {} not delivered: that connection is gone; kept for the next one",
                    c.type(), c.messageId(), c.acceptorId(), c.epoch());
        }
    }

    public String nodeId() {
        return props.getNodeId();
    }

    public long nextPingSeq() {
        return pingSeq.incrementAndGet();
    }

    /** Replica shutdown: close every socket (the acceptors pause; their apps reconnect to another replica). */
    public void closeAll() {
        for (MonitorSession session : new ArrayList<>(registry.all())) {
            end(session, OfflineReason.CLOSED, CloseCodes.GOING_AWAY);
        }
        connectors.shutdownNow();
        closers.shutdown();
        enders.shutdown();
        try {
            closers.awaitTermination(5, TimeUnit.SECONDS);
            enders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(WebSocketSession socket, CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("closing {} failed: {}", socket.getId(), e.toString());
        }
    }

    private static ExecutorService pool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
