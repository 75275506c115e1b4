package io.apay.common.web.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import io.apay.common.test.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a service answers when a request is refused before any controller sees it (Tomcat's own checks) or its JSON
 * is ambiguous: always the JSON envelope with a code and a trace id, never Tomcat's HTML page.
 */
@ApayIntegrationTest(classes = WebTestApp.class)
class ContainerErrorsIT {

    @LocalServerPort int port;

    static void assertEnvelope(RawHttp.Reply r, int status, int code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("content-type")).as(r.body()).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body).as(r.body()).isNotNull();
        assertThat(body.get("code").asInt()).as(r.body()).isEqualTo(code);
        assertThat(body.path("traceId").asText()).as(r.body()).matches("[0-9a-f]{32}");
        assertThat(r.body()).doesNotContain("<html").doesNotContain("Tomcat").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aRepeatedKeyInAJsonBodyIsRefusedWithItsOwnCode() throws Exception {
        // signed as the gateway signs what it forwards (a service answers nothing else)
        assertEnvelope(RawHttp.send(port, RawHttp.request("POST", "/app-api/test/register", "application/json",
                "{\"phone\":\"+8613800000000\",\"phone\":\"+8613900000000\"}",
                MeshCredentials.headerLine("POST", "/app-api/test/register"))), 400, 10070);
        String[] operator = {"X-Apay-Operator-Id: 7", "X-Apay-Operator-Roles: FINANCE"};
        assertEnvelope(RawHttp.send(port, RawHttp.request("POST", "/admin-api/test/credits", "application/json",
                "{\"account\":\"a1\",\"amount\":\"5.00\",\"reason\":\"a\",\"reason\":\"b\"}",
                operator[0], operator[1], MeshCredentials.headerLine("POST", "/admin-api/test/credits", operator))), 400, 10070);
        // nested objects too
        assertEnvelope(RawHttp.send(port, RawHttp.request("POST", "/app-api/test/register", "application/json",
                "{\"phone\":\"+8613800000000\",\"profile\":{\"nickname\":\"a\",\"nickname\":\"b\"}}",
                MeshCredentials.headerLine("POST", "/app-api/test/register"))), 400, 10070);
    }

    @Test
    void pathsTomcatRefusesAnswerTheEnvelope() throws Exception {
        assertEnvelope(RawHttp.send(port, RawHttp.get("/app-api/test/business%00")), 400, 10002);
        assertEnvelope(RawHttp.send(port, RawHttp.get("/app-api/test/%c0%af")), 400, 10002);
        assertEnvelope(RawHttp.send(port, RawHttp.get("/app-api/test/..%2f..%2fx")), 400, 10002);
    }

    @Test
    void headersOverTheLimitAnswerTheEnvelope() throws Exception {
        assertEnvelope(RawHttp.send(port, RawHttp.get("/app-api/test/business", "X-Big: " + "a".repeat(40_000))), 431, 10072);
    }

    @Test
    void aMalformedRequestLineAnswersTheEnvelope() throws Exception {
        assertEnvelope(RawHttp.send(port, "GET /app-api/test/business HTTP/1.1 trailing\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, 10002);
    }

    /**
     * A 5xx the container answers itself means the service is unwell, not a business answer: the envelope carries
     * 10500 (which a caller's circuit breaker counts), never 10503, which only the service's own code sends.
     */
    @Test
    void aFailureTheContainerAnswersItselfCarriesTheInternalErrorCode() throws Exception {
        assertEnvelope(RawHttp.send(port, RawHttp.get("/container-test/unavailable",
                MeshCredentials.headerLine("GET", "/container-test/unavailable"))), 503, 10500);
    }

    @Test
    void theServicesAcceptHeadersUpToMoreThanTheGatewayLets() throws Exception {
        // the gateway lets 16 KB of headers through and adds its own: a service must never refuse what it forwards
        String roles = "X-Apay-Operator-Roles: " + "b".repeat(2_000);
        RawHttp.Reply r = RawHttp.send(port, RawHttp.get("/app-api/test/business", "X-Big: " + "a".repeat(15_000),
                roles, MeshCredentials.headerLine("GET", "/app-api/test/business", roles)));
        assertEnvelope(r, 409, 16999);
    }
}
