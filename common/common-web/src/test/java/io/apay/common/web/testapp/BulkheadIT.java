package io.apay.common.web.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.trace.TraceIds;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.Await;
import io.apay.common.test.MeshCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service's bulkhead with room for two requests at work. */
@ApayIntegrationTest(classes = WebTestApp.class, properties = "apay.web.max-in-flight=2")
class BulkheadIT {

    final ObjectMapper mapper = new ObjectMapper();
    final HttpClient http = MeshCredentials.signing(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());

    @LocalServerPort int port;
    @Autowired MeterRegistry meters;

    @BeforeEach
    void reset() {
        HoldController.ARRIVED.set(0);
        HoldController.release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseHeld() throws Exception {
        HoldController.release.countDown();
        awaitThat(() -> inFlight() == 0, "every request ended");
    }

    double inFlight() {
        return meters.get("apay.web.in-flight").gauge().value();
    }

    double shed() {
        return meters.get("apay.web.shed").counter().count();
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
    }

    CompletableFuture<HttpResponse<String>> held() {
        return http.sendAsync(get("/app-api/test/hold"), HttpResponse.BodyHandlers.ofString());
    }

    static void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, Duration.ofSeconds(5), what);
    }

    @Test
    void whenFullARequestIsAnswered10503AtOnceAndHealthIsStillServed() throws Exception {
        double shedBefore = shed();
        CompletableFuture<HttpResponse<String>> first = held();
        CompletableFuture<HttpResponse<String>> second = held();
        awaitThat(() -> HoldController.ARRIVED.get() == 2, "both requests at work");

        HttpResponse<String> refused = http.send(get("/app-api/test/hold"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = mapper.readTree(refused.body());
        assertThat(body.get("code").asInt()).isEqualTo(10503);
        assertThat(body.get("message").asText()).isEqualTo("busy: retry later");
        assertThat(body.get("traceId").asText()).isEqualTo(refused.headers().firstValue(TraceIds.HEADER).orElseThrow());
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(HoldController.ARRIVED.get()).isEqualTo(2);
        assertThat(shed() - shedBefore).isEqualTo(1.0);
        assertThat(first).isNotDone();

        // probes and metrics are never refused
        assertThat(http.send(get("/actuator/health"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(get("/actuator/prometheus"), HttpResponse.BodyHandlers.ofString()).body()).contains("apay_web_shed_total");

        HoldController.release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        awaitThat(() -> inFlight() == 0, "both requests ended");
        HttpResponse<String> after = http.send(get("/internal-test/ping"), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestThatFailsGivesItsPlaceBack() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = http.send(get("/app-api/test/boom"), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(mapper.readTree(r.body()).get("code").asInt()).isEqualTo(10500);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(http.send(get("/app-api/test/business"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(409);
        }
        awaitThat(() -> inFlight() == 0, "every place given back");
        CompletableFuture<HttpResponse<String>> first = held();
        CompletableFuture<HttpResponse<String>> second = held();
        awaitThat(() -> HoldController.ARRIVED.get() == 2, "both requests at work");
        HoldController.release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
}
