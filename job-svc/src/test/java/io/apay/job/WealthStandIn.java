package io.apay.job;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for wealth-svc's job endpoints on a loopback port: records each call, answers what it is told to. */
public final class WealthStandIn {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** The product codes the next accrual answers as stalled. */
    public volatile List<String> stalled = List.of();
    /** When set, the next calls answer this HTTP status with error code 18001. */
    public volatile int failWith;
    private final HttpServer server;

    public WealthStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/rpc-api/wealth/jobs/accrual", x -> {
            String through = x.getRequestURI().getQuery().replace("through=", "");
            calls.add("accrual " + through);
            String stalledJson = String.join(",", stalled.stream().map(c -> "\"" + c + "\"").toList());
            answer(x, "{\"through\":\"" + through + "\",\"productDays\":2,\"positionDays\":5,\"stalledProducts\":[" + stalledJson
                    + "],\"incompleteProducts\":[],\"maturitiesStarted\":1}");
        });
        server.createContext("/rpc-api/wealth/jobs/recover", x -> {
            calls.add("recover " + x.getRequestURI().getQuery());
            answer(x, "4");
        });
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange x, String data) throws IOException {
        int status = failWith == 0 ? 200 : failWith;
        String json = failWith == 0 ? "{\"code\":0,\"message\":\"ok\",\"data\":" + data + "}"
                : "{\"code\":18001,\"message\":\"wealth product not found\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
