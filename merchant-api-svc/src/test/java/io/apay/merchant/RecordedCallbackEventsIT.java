package io.apay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import io.apay.merchant.service.callback.CallbackService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The reconciliation's read of recorded callbacks: which event types merchant-api-svc recorded for each order. */
@ApayIntegrationTest(properties = "apay.merchant.platform-key-file=target/test-platform-key.pem")
class RecordedCallbackEventsIT {

    static final ObjectMapper JSON = ApayJackson.newMapper();

    @LocalServerPort int port;
    @Autowired CallbackService callbacks;
    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    JsonNode post(Object body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc-api/merchant/callbacks/recorded-events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Test
    void eachOrdersRecordedEventTypes() throws Exception {
        callbacks.record("M1", "RE-1", "ORDER_COMPLETED", "http://127.0.0.1:9/n", Map.of("orderNo", "RE-1"));
        callbacks.record("M1", "RE-2", "ORDER_EXPIRED", "http://127.0.0.1:9/n", Map.of("orderNo", "RE-2"));
        callbacks.record("M1", "RE-2", "ORDER_CANCELLED", "http://127.0.0.1:9/n", Map.of("orderNo", "RE-2"));
        callbacks.record("M2", "RE-3", "ORDER_CANCELLED", "http://127.0.0.1:9/n", Map.of("orderNo", "RE-3"));

        JsonNode data = post(Map.of("orderNos", List.of("RE-1", "RE-2", "RE-NONE"))).get("data");
        assertThat(JSON.convertValue(data, Map.class)).isEqualTo(Map.of(
                "RE-1", List.of("ORDER_COMPLETED"),
                "RE-2", List.of("ORDER_CANCELLED", "ORDER_EXPIRED")));
    }

    @Test
    void oneToFiveHundredOrderNumbers() throws Exception {
        assertThat(post(Map.of("orderNos", List.of())).get("code").asInt()).isEqualTo(10001);
        List<String> many = IntStream.range(0, 501).mapToObj(i -> "RE-X" + i).toList();
        assertThat(post(Map.of("orderNos", many)).get("code").asInt()).isEqualTo(10001);
        assertThat(post(Map.of("orderNos", many.subList(0, 500))).get("data")).isEmpty();
    }
}
