package io.apay.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** What the gateway tests' stand-in services (JDK HttpServer) share: answering with a JSON body. */
final class StandIn {

    private StandIn() {
    }

    /** Answers {@code status} with this JSON text and closes the exchange. */
    static void answerJson(HttpExchange exchange, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }
}
