package io.apay.push.server.service.session;

import io.apay.push.server.service.device.DeviceKey;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

/**
 * One monitor connection. Frames are written with the container's asynchronous send, one at a time, from a bounded
 * queue: a writer never waits for a slow socket, and a socket that falls {@code queueLimit} frames behind, or whose
 * write does not finish within the send timeout, is reported through {@code onStuck} and then closed.
 */
public class MonitorSession {

    private final WebSocketSession socket;
    private final Session nativeSession;
    private final DeviceKey device;
    private final int slot;
    private final int queueLimit;
    private final Consumer<MonitorSession> onStuck;

    private volatile long epoch;
    private volatile long lastSeenMillis;
    private volatile boolean ready;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean expiring = new AtomicBoolean();

    private final Queue<String> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile long writeStartedNanos;
    private final SendHandler written = this::written;

    public MonitorSession(WebSocketSession socket, DeviceKey device, int slot, int queueLimit, long nowMillis,
                          Consumer<MonitorSession> onStuck) {
        this.socket = socket;
        this.nativeSession = ((StandardWebSocketSession) socket).getNativeSession(Session.class);
        this.device = device;
        this.slot = slot;
        this.queueLimit = queueLimit;
        this.onStuck = onStuck;
        this.lastSeenMillis = nowMillis;
    }

    public String id() {
        return socket.getId();
    }

    public long acceptorId() {
        return device.acceptorId();
    }

    public DeviceKey device() {
        return device;
    }

    public long epoch() {
        return epoch;
    }

    void epoch(long epoch) {
        this.epoch = epoch;
    }

    public int slot() {
        return slot;
    }

    public WebSocketSession socket() {
        return socket;
    }

    public boolean isReady() {
        return ready && !ended.get();
    }

    void ready() {
        this.ready = true;
    }

    public void seen(long nowMillis) {
        this.lastSeenMillis = nowMillis;
    }

    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    boolean markEnded() {
        return ended.compareAndSet(false, true);
    }

    public boolean isEnded() {
        return ended.get();
    }

    /** True once: the first caller hands the session to the enders. */
    boolean markExpiring() {
        return expiring.compareAndSet(false, true);
    }

    /** Nanos the current write has been running, 0 if none. */
    public long writeAgeNanos(long nowNanos) {
        return writing.get() ? nowNanos - writeStartedNanos : 0;
    }

    /** Queues a frame for this socket. Never blocks. False if the session ended or its queue is full. */
    public boolean send(String frame) {
        if (ended.get()) {
            return false;
        }
        if (queued.incrementAndGet() > queueLimit) {
            queued.decrementAndGet();
            onStuck.accept(this);
            return false;
        }
        outbound.add(frame);
        drain();
        return true;
    }

    private void drain() {
        while (writing.compareAndSet(false, true)) {
            String next = outbound.poll();
            if (next == null) {
                writing.set(false);
                if (outbound.isEmpty()) {
                    return;
                }
                continue; // a frame arrived between poll and reset: take it
            }
            writeStartedNanos = System.nanoTime();
            try {
                nativeSession.getAsyncRemote().sendText(next, written);
            } catch (RuntimeException e) { // the socket is closing
                queued.decrementAndGet();
                writing.set(false);
                onStuck.accept(this);
            }
            return;
        }
    }

    private void written(SendResult result) {
        queued.decrementAndGet();
        writing.set(false);
        if (!result.isOK()) {
            onStuck.accept(this);
            return;
        }
        drain();
    }

    @Override
    public String toString() {
        return "MonitorSession[acceptor=" + acceptorId() + ", epoch=" + epoch + ", id=" + id() + "]";
    }
}
