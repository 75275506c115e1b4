package io.apay.chainbridge.server.tron;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP server answering TronGrid-shaped JSON per path, recording what it was sent. Loopback only. An answer
 * is either fixed ({@link #answer}) or computed from the request body ({@link #handle}, as {@link TronTestChain}
 * serves a whole chain).
 */
public final class StubTronNode implements AutoCloseable {

    public record Answer(int status, String body) {
    }

    public record Request(String path, String body, String apiKey) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Function<String, Answer>> handlers = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public StubTronNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(path, body, exchange.getRequestHeaders().getFirst("TRON-PRO-API-KEY")));
            Function<String, Answer> handler = handlers.get(path);
            Answer answer;
            try {
                answer = answers.containsKey(path) || handler == null
                        ? answers.getOrDefault(path, new Answer(404, "{}")) : handler.apply(body);
            } catch (RuntimeException e) {
                answer = new Answer(500, "{\"Error\": \"" + e.getClass().getSimpleName() + "\"}");
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public StubTronNode answer(String path, String json) {
        return answer(path, 200, json);
    }

    /** A fixed answer; it wins over a handler of the same path until {@link #forget} removes it. */
    public StubTronNode answer(String path, int status, String body) {
        answers.put(path, new Answer(status, body));
        return this;
    }

    public StubTronNode forget(String path) {
        answers.remove(path);
        return this;
    }

    /** An answer computed from the request body. */
    public StubTronNode handle(String path, Function<String, Answer> handler) {
        handlers.put(path, handler);
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
