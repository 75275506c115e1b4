package io.apay.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.trace.TraceIds;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Feign clients built with apay's defaults against a scripted remote: /rpc-api/remote/{status} answers that
 * status, with apay's error envelope for 4xx and a plain page for 5xx.
 */
@SpringBootTest(classes = RpcTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class FeignDefaultsTest {

    static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    static final Map<String, String> LAST_TRACE = new ConcurrentHashMap<>();
    static final HttpServer REMOTE = startRemote();

    @DynamicPropertySource
    static void remote(DynamicPropertyRegistry registry) {
        registry.add("test.remote.url", () -> "http://127.0.0.1:" + REMOTE.getAddress().getPort());
        registry.add("apay.mesh.key", MeshCredentialFeignTest::newKey);
    }

    @Autowired RpcTestApp.RemoteApi remote;
    @Autowired RpcTestApp.FlakyApi flaky;
    @Autowired RpcTestApp.BusyApi busy;

    @BeforeEach
    void reset() {
        HITS.clear();
    }

    @AfterAll
    static void stop() {
        REMOTE.stop(0);
    }

    static int hits(String method, int status) {
        return HITS.getOrDefault(method + " " + status, new AtomicInteger()).get();
    }

    @Test
    void aRemoteBusinessErrorComesBackAsTheSameServiceException() {
        assertThatThrownBy(() -> remote.post(409, new RpcTestApp.Transfer("u2", "1.00")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(14001);
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.clientMessage()).isEqualTo("insufficient balance");
                });
        assertThat(hits("POST", 409)).isEqualTo(1);
    }

    @Test
    void aSuccessfulCallReturnsTheEnvelopeAndCarriesTheTraceId() {
        String traceId = TraceIds.newId();
        TraceIds.set(traceId);
        try {
            assertThat(remote.get(200).checkedData()).isEqualTo("pong");
        } finally {
            TraceIds.clear();
        }
        assertThat(LAST_TRACE.get("GET 200")).isEqualTo(traceId);
    }

    @Test
    void anIdempotentReadIsRetriedButAWriteNever() {
        assertThatThrownBy(() -> remote.get(503)).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).isEqualTo(10503));
        assertThat(hits("GET", 503)).isEqualTo(3);

        assertThatThrownBy(() -> remote.post(503, new RpcTestApp.Transfer("u2", "1.00")))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(10503));
        assertThat(hits("POST", 503)).isEqualTo(1);
    }

    @Test
    void businessErrorsNeverOpenTheBreakerButServerErrorsDo() {
        for (int i = 0; i < 12; i++) {
            assertThatThrownBy(() -> flaky.get(404)).isInstanceOf(ServiceException.class);
        }
        assertThat(hits("GET", 404)).isEqualTo(12);
        assertThat(flaky.get(200).checkedData()).isEqualTo("pong");

        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> flaky.get(500)).isInstanceOf(ServiceException.class);
        }
        int reached = hits("GET", 500);
        // open now: calls fail at once without reaching the remote
        assertThatThrownBy(() -> flaky.get(200)).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).isEqualTo(10503));
        assertThat(hits("GET", 500)).isEqualTo(reached);
        assertThat(hits("GET", 200)).isEqualTo(1);
    }

    /**
     * One client's business answers (a refusal sent with 503, like otc-svc's 16002 "no acceptor available") and a
     * live callee's 10503/10504 never open the breaker that every caller shares; 10500 and 5xx pages do.
     */
    @Test
    void businessAnswersSentWithA5xxNeverOpenTheBreaker() {
        for (int i = 0; i < 12; i++) {
            assertThatThrownBy(() -> busy.post("16002", new RpcTestApp.Transfer("u2", "1.00")))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.code()).isEqualTo(16002);
                        assertThat(e.httpStatus()).isEqualTo(503);
                    });
        }
        for (String script : new String[] {"10503", "10504", "10503", "10504", "10503", "10504"}) {
            assertThatThrownBy(() -> busy.post(script, new RpcTestApp.Transfer("u2", "1.00")))
                    .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(Integer.parseInt(script)));
        }
        assertThat(busy.post("ok", new RpcTestApp.Transfer("u2", "1.00")).checkedData()).isEqualTo("pong");
        assertThat(hits("POST", "busy/16002")).isEqualTo(12);

        for (String script : new String[] {"10500", "page", "10500", "page", "10500", "page"}) {
            assertThatThrownBy(() -> busy.post(script, new RpcTestApp.Transfer("u2", "1.00"))).isInstanceOf(ServiceException.class);
        }
        // open now: calls fail at once without reaching the remote
        assertThatThrownBy(() -> busy.post("ok", new RpcTestApp.Transfer("u2", "1.00")))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(10503));
        assertThat(hits("POST", "busy/ok")).isEqualTo(1);
    }

    static int hits(String method, String script) {
        return HITS.getOrDefault(method + " " + script, new AtomicInteger()).get();
    }

    private static HttpServer startRemote() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/rpc-api/remote/", exchange -> {
                int status = Integer.parseInt(exchange.getRequestURI().getPath().replaceAll(".*/", ""));
                String key = exchange.getRequestMethod() + " " + status;
                HITS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                String trace = exchange.getRequestHeaders().getFirst(TraceIds.HEADER);
                if (trace != null) {
                    LAST_TRACE.put(key, trace);
                }
                exchange.getRequestBody().readAllBytes();
                String body;
                String type = "application/json";
                if (status == 200) {
                    body = "{\"code\":0,\"message\":\"ok\",\"data\":\"pong\"}";
                } else if (status == 409) {
                    body = "{\"code\":14001,\"message\":\"insufficient balance\",\"traceId\":\"x\"}";
                } else if (status == 404) {
                    body = "{\"code\":14002,\"message\":\"account not found\"}";
                } else {
                    body = "<html>proxy error</html>";
                    type = "text/html";
                }
                byte[] out = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", type);
                exchange.sendResponseHeaders(status, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.createContext("/rpc-api/busy/", exchange -> {
                String script = exchange.getRequestURI().getPath().replaceAll(".*/", "");
                HITS.computeIfAbsent(exchange.getRequestMethod() + " busy/" + script, k -> new AtomicInteger()).incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                int status = switch (script) {
                    case "ok" -> 200;
                    case "10500" -> 500;
                    case "10504" -> 504;
                    default -> 503;
                };
                String body = switch (script) {
                    case "ok" -> "{\"code\":0,\"message\":\"ok\",\"data\":\"pong\"}";
                    case "page" -> "<html>503 Service Temporarily Unavailable</html>";
                    default -> "{\"code\":" + script + ",\"message\":\"scripted\",\"traceId\":\"x\"}";
                };
                byte[] out = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", script.equals("page") ? "text/html" : "application/json");
                exchange.sendResponseHeaders(status, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
