package io.apay.push.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A simulated Android monitor on one WebSocket: answers every {@code ping} with a {@code pong}, acknowledges
 * {@code order.assigned}/{@code order.closed} (unless told not to), reports signed payments, and can go silent
 * (stop answering while still reading), freeze (stop reading too), close cleanly or drop the connection.
 * Thread-safe. Many clients can share one {@link HttpClient}.
 */
public class MonitorClient implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ConcurrentHashMap<String, Long> LAST_TS = new ConcurrentHashMap<>();

    private final MonitorCredentials credentials;
    private final boolean record;
    private final List<JsonNode> frames = new ArrayList<>();
    private final CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final ConcurrentHashMap<String, CompletableFuture<JsonNode>> pendingReports = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean silent;
    private volatile boolean frozen;
    private volatile boolean autoAck = true;
    private volatile Consumer<JsonNode> onFrame = f -> { };
    private volatile Runnable onPing = () -> { };
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private MonitorClient(MonitorCredentials credentials, boolean record) {
        this.credentials = credentials;
        this.record = record;
    }

    /** Connects and waits for the {@code welcome} frame (the server has then made this connection the live one). */
    public static MonitorClient connect(HttpClient http, URI wsMonitorUri, MonitorCredentials credentials, Duration timeout) {
        MonitorClient client = start(http, wsMonitorUri, credentials, true, timeout);
        client.awaitWelcome(timeout);
        return client;
    }

    /** Starts the upgrade; with {@code record} false received frames are not kept (benchmark). Does not wait for welcome. */
    public static MonitorClient start(HttpClient http, URI wsMonitorUri, MonitorCredentials credentials, boolean record,
                                      Duration timeout) {
        MonitorClient client = new MonitorClient(credentials, record);
        try {
            client.socket = client.open(http, wsMonitorUri).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                throw new HandshakeRefusedException(h.getResponse().statusCode(), String.valueOf(h.getResponse().body()));
            }
            throw new IllegalStateException("cannot connect to " + wsMonitorUri + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no handshake answer from " + wsMonitorUri + " within " + timeout);
        }
        return client;
    }

    /** The upgrade request, asynchronously (the benchmark opens thousands at once). */
    public static CompletableFuture<MonitorClient> startAsync(HttpClient http, URI wsMonitorUri, MonitorCredentials credentials,
                                                              boolean record) {
        MonitorClient client = new MonitorClient(credentials, record);
        return client.open(http, wsMonitorUri).thenApply(ws -> {
            client.socket = ws;
            return client;
        });
    }

    private CompletableFuture<WebSocket> open(HttpClient http, URI base) {
        long ts = nextTs(credentials.deviceId());
        String sig = MonitorSigner.connect(credentials.deviceSecret(), credentials.acceptorId(), credentials.deviceId(), ts);
        String sep = base.getQuery() == null ? "?" : "&";
        URI uri = URI.create(base + sep + "deviceId=" + enc(credentials.deviceId()) + "&ts=" + ts + "&sig=" + sig);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (credentials.bearerToken() != null) {
            builder.header("Authorization", "Bearer " + credentials.bearerToken());
        }
        if (credentials.trustedUserIdHeader()) {
            builder.header("X-Apay-User-Id", Long.toString(credentials.acceptorId()));
        }
        return builder.buildAsync(uri, this);
    }

    /**
     * A handshake's {@code (deviceId, ts)} is single-use (docs/monitor-protocol.md, "Connecting"): each connection of
     * a device signs a ts greater than the last one, even when two start within the same millisecond.
     */
    static long nextTs(String deviceId) {
        return LAST_TS.merge(deviceId, System.currentTimeMillis(), (last, now) -> Math.max(now, last + 1));
    }

    // ---------------------------------------------------------------- what the monitor does

    public JsonNode awaitWelcome(Duration timeout) {
        return await(welcome, timeout, "welcome");
    }

    public boolean isWelcomed() {
        return welcome.isDone() && !welcome.isCompletedExceptionally();
    }

    /** The epoch the server gave this connection (from {@code welcome}). */
    public long epoch() {
        return welcome.join().path("epoch").asLong();
    }

    public long acceptorId() {
        return credentials.acceptorId();
    }

    /** Stops answering pings (and acking) but keeps reading: what the server sees when a phone's uplink dies. */
    public void goSilent() {
        silent = true;
    }

    /** Stops reading too: the socket's buffers fill up as with a dead peer. */
    public void freeze() {
        silent = true;
        frozen = true;
    }

    public void resume() {
        silent = false;
        if (frozen) {
            frozen = false;
            socket.request(1);
        }
    }

    public void autoAck(boolean on) {
        this.autoAck = on;
    }

    /** Called for every frame received (on the client's reader thread: keep it short). */
    public void onFrame(Consumer<JsonNode> listener) {
        this.onFrame = listener;
    }

    /** Called on every ping received, before the pong (benchmark: jitter). */
    public void onPing(Runnable listener) {
        this.onPing = listener;
    }

    /**
     * Sends a signed {@code payment.received} and returns the server's answer: {@code ack} (status accepted or
     * duplicate) or {@code error}.
     */
    public CompletableFuture<JsonNode> reportPayment(String notificationId, String channel, String amount, String currency,
                                                     String payerRemark, Instant paidAt) {
        String paidAtText = paidAt.toString();
        String id = UUID.randomUUID().toString();
        ObjectNode f = MAPPER.createObjectNode();
        f.put("type", "payment.received");
        f.put("id", id);
        f.put("notificationId", notificationId);
        f.put("channel", channel);
        f.put("amount", amount);
        f.put("currency", currency);
        f.put("payerRemark", payerRemark);
        f.put("paidAt", paidAtText);
        f.put("sig", MonitorSigner.report(credentials.deviceSecret(), credentials.deviceId(), notificationId, channel,
                amount, currency, paidAtText, payerRemark));
        return sendExpectingAnswer(id, f.toString());
    }

    /** Sends any frame with an {@code id} and returns the {@code ack} or {@code error} that refers to it. */
    public CompletableFuture<JsonNode> sendExpectingAnswer(String id, String frame) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pendingReports.put(id, answer);
        sendText(frame);
        return answer;
    }

    public void ack(String messageId) {
        sendText("{\"type\":\"ack\",\"messageId\":\"" + messageId + "\"}");
    }

    /** Any text, as is (tests send malformed frames with it). */
    public synchronized void sendText(String text) {
        WebSocket ws = socket;
        sending = sending.handle((r, e) -> null).thenCompose(x -> ws.sendText(text, true));
    }

    /** A clean close (1000), as the app does when it stops monitoring. */
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            synchronized (this) {
                sending = sending.handle((r, e) -> null).thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
            }
        }
    }

    /** Drops the TCP connection without a close frame (the app killed, the phone's network gone). */
    public void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        closed.complete(1006);
    }

    /** The close code the server sent, once the socket is closed. */
    public CompletableFuture<Integer> closeCode() {
        return closed;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Frames received so far, in order (only when recording). */
    public List<JsonNode> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** Frames of one type received so far. */
    public List<JsonNode> frames(String type) {
        return frames().stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    /** Waits until a received frame matches. */
    public JsonNode awaitFrame(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (frames) {
                for (JsonNode f : frames) {
                    if (match.test(f)) {
                        return f;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no matching frame within " + timeout + "; got " + frames);
                }
                try {
                    frames.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    // ---------------------------------------------------------------- WebSocket.Listener

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            handle(text);
        }
        if (!frozen) {
            webSocket.request(1);
        }
        return null;
    }

    private void handle(String text) {
        JsonNode frame;
        try {
            frame = MAPPER.readTree(text);
        } catch (Exception e) {
            return;
        }
        String type = frame.path("type").asText();
        if (record) {
            synchronized (frames) {
                frames.add(frame);
                frames.notifyAll();
            }
        }
        switch (type) {
            case "welcome" -> welcome.complete(frame);
            case "ping" -> {
                onPing.run();
                if (!silent) {
                    sendText("{\"type\":\"pong\",\"seq\":" + frame.path("seq").asLong() + "}");
                }
            }
            case "order.assigned", "order.closed" -> {
                if (autoAck && !silent) {
                    ack(frame.path("messageId").asText());
                }
            }
            case "ack", "error" -> {
                CompletableFuture<JsonNode> answer = frame.hasNonNull("ref") ? pendingReports.remove(frame.get("ref").asText()) : null;
                if (answer != null) {
                    answer.complete(frame);
                }
            }
            default -> { }
        }
        onFrame.accept(frame);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        welcome.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason + " before welcome"));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
        welcome.completeExceptionally(error);
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("no " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no " + what + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
