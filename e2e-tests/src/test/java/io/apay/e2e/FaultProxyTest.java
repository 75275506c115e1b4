package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy the matrix relies on, against a plain HTTP server: what the caller sees, what the server got. */
class FaultProxyTest {

    HttpServer upstream;
    FaultProxy proxy;
    final AtomicInteger handled = new AtomicInteger();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void up() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/work", exchange -> {
            exchange.getRequestBody().readAllBytes();
            handled.incrementAndGet();
            byte[] ok = "done".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        upstream.start();
        proxy = new FaultProxy(upstream.getAddress().getPort());
    }

    @AfterEach
    void down() {
        proxy.close();
        upstream.stop(0);
    }

    HttpResponse<String> post() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/work")).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void passForwardsBothWays() throws Exception {
        assertThat(post().body()).isEqualTo("done");
        assertThat(post().body()).isEqualTo("done"); // and again on the kept-alive connection
        assertThat(handled).hasValue(2);
    }

    @Test
    void downRefusesAndNothingReachesTheService() throws Exception {
        assertThat(post().statusCode()).isEqualTo(200); // a kept-alive connection, cut by the switch below
        proxy.mode(FaultProxy.Mode.DOWN);
        assertThatThrownBy(this::post).isInstanceOf(IOException.class);
        assertThat(handled).hasValue(1);
        assertThat(proxy.refused()).isPositive();
        proxy.mode(FaultProxy.Mode.PASS);
        assertThat(post().body()).isEqualTo("done");
    }

    @Test
    void loseAnswerLetsTheServiceWorkAndTheCallerNeverHears() throws Exception {
        proxy.mode(FaultProxy.Mode.LOSE_ANSWER);
        assertThatThrownBy(this::post).isInstanceOf(IOException.class);
        assertThat(handled.get()).isPositive();
        assertThat(proxy.lostAnswers()).isEqualTo(handled.get());
        proxy.mode(FaultProxy.Mode.PASS);
        assertThat(post().body()).isEqualTo("done");
    }
}
