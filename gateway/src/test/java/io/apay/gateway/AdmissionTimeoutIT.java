package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.gateway.admission.AdmissionFilter;
import io.apay.gateway.admission.AimdLimiter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that does not answer within the gateway's response timeout (1 s here): the client gets 10504, the
 * permit is returned, and the group's limit goes down. The target latency is long, so only the timeout moves it.
 */
@ApayIntegrationTest(properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
        "apay.gateway.admission.groups.merchant-api.initial=2",
        "apay.gateway.admission.groups.merchant-api.min=1",
        "apay.gateway.admission.groups.merchant-api.max=2",
        "apay.gateway.admission.groups.merchant-api.target-latency=30s"})
class AdmissionTimeoutIT {

    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final HttpServer MERCHANT_SVC = startSilentMerchantSvc();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.merchant-api-svc[0].uri",
                () -> "http://127.0.0.1:" + MERCHANT_SVC.getAddress().getPort());
    }

    @LocalServerPort int port;
    @Autowired AdmissionFilter admission;

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        MERCHANT_SVC.stop(0);
    }

    @Test
    void aDownstreamTimeoutIs10504ReturnsThePermitAndLowersTheLimit() throws Exception {
        AimdLimiter group = admission.limiter("merchant-api");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/merchant-api/platform-key")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(new ObjectMapper().readTree(r.body()).get("code").asInt()).isEqualTo(10504);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (group.inFlight() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(group.inFlight()).isZero();
        assertThat(group.limit()).isCloseTo(1.8, within(1e-9));
    }

    /** Never answers until the test class ends. */
    private static HttpServer startSilentMerchantSvc() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try {
                    RELEASE.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                StandIn.answerJson(exchange, 200, "{\"code\":0,\"message\":\"ok\"}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
