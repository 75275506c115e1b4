package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.trace.TraceIds;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.Await;
import io.apay.gateway.admission.AdmissionFilter;
import io.apay.gateway.admission.AimdLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Admission control through the real gateway, in front of a stand-in merchant-api-svc whose answers the test holds
 * back. The merchant group's limit is at most 2 here, so "full" is exact, and only a timeout lowers it (to 1.8, so
 * one request at a time) as the target latency (2 s) is longer than any answer here but a timeout's; the next fast answer brings it back to 2. Its unsigned path
 * ({@code /merchant-api/platform-key}) reaches the stand-in without a signature; the stand-in's {@code mode}
 * parameter picks its answer.
 */
@ApayIntegrationTest(properties = {
        "apay.gateway.admission.groups.merchant-api.initial=2",
        "apay.gateway.admission.groups.merchant-api.min=1",
        "apay.gateway.admission.groups.merchant-api.max=2",
        "apay.gateway.admission.groups.merchant-api.target-latency=2s"})
class AdmissionIT {

    /**
     * One merchant-api path with a 1 s response timeout (the others keep the gateway's 15 s), ahead of the real
     * merchant route: a service that does not answer in time, without making every test here wait 15 s.
     */
    @TestConfiguration
    static class ImpatientRoute {
        @Bean
        RouteLocator impatientMerchantRoute(RouteLocatorBuilder builder) {
            return builder.routes().route("impatient", r -> r.order(-1).path("/merchant-api/impatient")
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 1000)
                    .uri("http://127.0.0.1:" + MERCHANT_SVC.getAddress().getPort())).build();
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch release = new CountDownLatch(1);
    static final HttpServer MERCHANT_SVC = startMerchantSvc();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.merchant-api-svc[0].uri",
                () -> "http://127.0.0.1:" + MERCHANT_SVC.getAddress().getPort());
    }

    @LocalServerPort int port;
    @Autowired AdmissionFilter admission;
    @Autowired MeterRegistry meters;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void reset() {
        RECEIVED.clear();
        release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseHeld() throws Exception {
        release.countDown();
        awaitThat(() -> merchantGroup().inFlight() == 0, "every permit returned");
    }

    @AfterAll
    static void stop() {
        MERCHANT_SVC.stop(0);
    }

    AimdLimiter merchantGroup() {
        return admission.limiter("merchant-api");
    }

    double shed() {
        return meters.get(AdmissionFilter.SHED_METRIC).tag("group", "merchant-api").counter().count();
    }

    HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> held() {
        return http.sendAsync(req("/merchant-api/platform-key?mode=hold").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The limit goes down at most once per target latency: another test may have just lowered it. */
    static void awaitDecreaseWindow() throws InterruptedException {
        Thread.sleep(2_100);
    }

    static void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, Duration.ofSeconds(5), what);
    }

    @Test
    void overTheLimitARequestIsAnswered10503AtOnceBeforeItsSignatureIsCheckedAndNeverReachesTheService() throws Exception {
        double shedBefore = shed();
        CompletableFuture<HttpResponse<String>> first = held();
        CompletableFuture<HttpResponse<String>> second = held();
        awaitThat(() -> RECEIVED.size() == 2, "both held requests at the service");
        assertThat(merchantGroup().inFlight()).isEqualTo(2);

        // unsigned: under the limit it would be 11060; at the limit it is refused before any check runs
        HttpResponse<String> refused = send(req("/merchant-api/orders").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"merchantOrderNo\":\"A-1\"}")));
        assertThat(refused.statusCode()).isEqualTo(503);
        JsonNode body = MAPPER.readTree(refused.body());
        assertThat(body.get("code").asInt()).isEqualTo(10503);
        assertThat(body.get("message").asText()).isEqualTo("busy: retry later");
        assertThat(body.get("traceId").asText()).isEqualTo(refused.headers().firstValue(TraceIds.HEADER).orElseThrow());
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        HttpResponse<String> alsoRefused = send(req("/merchant-api/platform-key?mode=ok").GET());
        assertThat(alsoRefused.statusCode()).isEqualTo(503);
        // both answered while the two admitted requests are still held: nothing queued behind them
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(RECEIVED).hasSize(2);
        assertThat(shed() - shedBefore).isEqualTo(2.0);

        // another group has its own limit: an app request is refused by its own checks, not as busy
        HttpResponse<String> app = send(req("/app-api/user/profile").GET());
        assertThat(app.statusCode()).isEqualTo(401);

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        awaitThat(() -> merchantGroup().inFlight() == 0, "permits returned after the answers");
        assertThat(send(req("/merchant-api/platform-key?mode=ok").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceFailureReturnsThePermit() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = send(req("/merchant-api/platform-key?mode=fail").GET());
            assertThat(r.statusCode()).isEqualTo(500);
        }
        awaitThat(() -> merchantGroup().inFlight() == 0, "permits returned after 5xx answers");
        // both permits are free: two requests are held at once
        CompletableFuture<HttpResponse<String>> first = held();
        CompletableFuture<HttpResponse<String>> second = held();
        awaitThat(() -> RECEIVED.size() == 7, "both held requests at the service");
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aServicesOwn10503IsPassedOnAs10503AndLowersTheLimitHoweverFast() throws Exception {
        awaitDecreaseWindow();
        assertThat(merchantGroup().limit()).isEqualTo(2.0);
        double shedBefore = shed();
        HttpResponse<String> r = send(req("/merchant-api/platform-key?mode=busy").GET());
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode body = MAPPER.readTree(r.body());
        assertThat(body.get("code").asInt()).isEqualTo(10503);
        assertThat(body.get("traceId").asText()).isEqualTo("from-the-service");
        assertThat(r.headers().firstValue("Retry-After")).contains("1");
        assertThat(shed()).isEqualTo(shedBefore);
        awaitThat(() -> merchantGroup().inFlight() == 0, "permit returned");
        // the service's bulkhead refused it: the gateway admits fewer, so the shedding happens here, before the work
        assertThat(merchantGroup().limit()).isCloseTo(1.8, within(1e-9));
        assertThat(send(req("/merchant-api/platform-key?mode=ok").GET()).statusCode()).isEqualTo(200);
        awaitThat(() -> merchantGroup().inFlight() == 0, "permit returned");
        assertThat(merchantGroup().limit()).isEqualTo(2.0);
    }

    @Test
    void clientsSendingTheirBodiesSlowlyHoldNoPermit() throws Exception {
        // as many slow senders as the limit: each has sent its headers and a byte of a 100-byte body, no more
        List<Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                slow.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /merchant-api/platform-key?mode=ok HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            Thread.sleep(300);
            assertThat(merchantGroup().inFlight()).isZero();
            assertThat(send(req("/merchant-api/platform-key?mode=ok").GET()).statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aClientThatHangsUpReturnsItsPermitWhileTheServiceStillWorks() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /merchant-api/platform-key?mode=hold HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitThat(() -> RECEIVED.size() == 1, "the request at the service");
            assertThat(merchantGroup().inFlight()).isEqualTo(1);
        }
        // the service has not answered (it holds the request until the test ends), and the response timeout is 15 s
        awaitThat(() -> merchantGroup().inFlight() == 0, "permit returned after the client hung up");
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(merchantGroup().limit()).as("a hang-up says nothing about the service").isEqualTo(2.0);
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIs10504ReturnsThePermitAndLowersTheLimit() throws Exception {
        awaitDecreaseWindow();
        assertThat(merchantGroup().limit()).isEqualTo(2.0);
        HttpResponse<String> r = send(req("/merchant-api/impatient?mode=hold").GET());
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(MAPPER.readTree(r.body()).get("code").asInt()).isEqualTo(10504);
        awaitThat(() -> merchantGroup().inFlight() == 0, "permit returned after the timeout");
        assertThat(merchantGroup().limit()).isCloseTo(1.8, within(1e-9));
        // one at a time now; a fast answer raises it by 1/1.8, back to its max
        assertThat(send(req("/merchant-api/platform-key?mode=ok").GET()).statusCode()).isEqualTo(200);
        awaitThat(() -> merchantGroup().inFlight() == 0, "permit returned");
        assertThat(merchantGroup().limit()).isEqualTo(2.0);
    }

    /** The stand-in merchant-api-svc: {@code mode} hold (until the test releases it), fail, busy or ok. */
    private static HttpServer startMerchantSvc() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool()); // a held request blocks no other
            server.createContext("/", exchange -> {
                String query = String.valueOf(exchange.getRequestURI().getQuery());
                exchange.getRequestBody().readAllBytes();
                RECEIVED.add(query);
                if (query.contains("mode=hold")) {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (query.contains("mode=fail")) {
                    byte[] page = "<html>crashed</html>".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(500, page.length);
                    exchange.getResponseBody().write(page);
                    exchange.close();
                } else if (query.contains("mode=busy")) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                    StandIn.answerJson(exchange, 503, "{\"code\":10503,\"message\":\"busy: retry later\",\"traceId\":\"from-the-service\"}");
                } else {
                    StandIn.answerJson(exchange, 200, "{\"code\":0,\"message\":\"ok\",\"data\":\"key\"}");
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
