package io.apay.common.web.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.trace.TraceIds;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ApayIntegrationTest(classes = WebTestApp.class)
class WebSupportIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    /** Calls as the gateway does: with the mesh credential. */
    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());
    final ObjectMapper mapper = new ObjectMapper();

    record Reply(int status, JsonNode body, String raw, String traceHeader) {
    }

    Reply call(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), mapper.readTree(r.body()), r.body(), r.headers().firstValue(TraceIds.HEADER).orElse(null));
    }

    @Test
    void theBulkheadIsOffUnlessTheServiceTurnsItOn() throws Exception {
        assertThat(meters.find("apay.web.in-flight").gauge()).isNull();
        assertThat(call("GET", "/internal-test/ping", null).status()).isEqualTo(200);
    }

    @Test
    void businessExceptionAnswersItsCodeAndStatusWithoutExceptionText() throws Exception {
        Reply r = call("GET", "/app-api/test/business", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().get("code").asInt()).isEqualTo(16999);
        assertThat(r.body().get("message").asText()).isEqualTo("order already paid");
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("io.apay").doesNotContain("\tat ");
    }

    @Test
    void unexpectedExceptionAnswers500WithGenericMessageAndTraceId() throws Exception {
        Reply r = call("GET", "/app-api/test/boom", null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body().get("code").asInt()).isEqualTo(10500);
        assertThat(r.body().get("message").asText()).isEqualTo("internal error");
        assertThat(r.body().get("traceId").asText()).matches("[0-9a-f]{32}").isEqualTo(r.traceHeader());
        assertThat(r.raw()).doesNotContain("secret").doesNotContain("hunter2").doesNotContain("IllegalState")
                .doesNotContain("java.").doesNotContain("\tat ");
    }

    @Test
    void incomingTraceIdIsKeptAndEchoed() throws Exception {
        String traceId = TraceIds.newId();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app-api/test/boom"))
                .header(TraceIds.HEADER, traceId).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue(TraceIds.HEADER)).contains(traceId);
        assertThat(mapper.readTree(r.body()).get("traceId").asText()).isEqualTo(traceId);
    }

    @Test
    void validationFailureListsEveryInvalidField() throws Exception {
        Reply r = call("POST", "/app-api/test/transfer", "{\"to\":\"\",\"coin\":\"usdt\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("code").asInt()).isEqualTo(10001);
        List<String> fields = r.body().get("data").get("errors").findValuesAsText("field");
        assertThat(fields).containsExactly("amount", "coin", "to");
    }

    @Test
    void validationOfRequestParameters() throws Exception {
        Reply r = call("GET", "/app-api/test/page?pageSize=1000", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("code").asInt()).isEqualTo(10001);
        assertThat(r.body().get("data").get("errors").get(0).get("field").asText()).isEqualTo("pageSize");

        Reply missing = call("GET", "/app-api/test/page", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("code").asInt()).isEqualTo(10003);

        Reply wrongType = call("GET", "/app-api/test/page?pageSize=abc", null);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("code").asInt()).isEqualTo(10004);
    }

    @Test
    void moneyIsAStringBothWays() throws Exception {
        Reply ok = call("POST", "/app-api/test/transfer", "{\"to\":\"u1\",\"amount\":\"100.030\",\"coin\":\"USDT\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("data").get("amount").isTextual()).isTrue();
        assertThat(ok.body().get("data").get("amount").asText()).isEqualTo("100.030");

        for (String bad : List.of("100.03", "\"1e5\"", "\"NaN\"", "\"12345678901234567890\"", "\"1.0000000000000000001\"")) {
            Reply r = call("POST", "/app-api/test/transfer", "{\"to\":\"u1\",\"amount\":" + bad + ",\"coin\":\"USDT\"}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body().get("code").asInt()).as(bad).isEqualTo(10002);
            assertThat(r.body().get("message").asText()).as(bad).contains("amount");
        }
    }

    @Test
    void malformedJsonAndUnknownRoutesAnswerTheEnvelope() throws Exception {
        Reply malformed = call("POST", "/app-api/test/transfer", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("code").asInt()).isEqualTo(10002);
        assertThat(malformed.raw()).doesNotContain("Unexpected character").doesNotContain("jackson");

        Reply notFound = call("GET", "/app-api/test/nowhere", null);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body().get("code").asInt()).isEqualTo(10020);

        Reply wrongMethod = call("DELETE", "/app-api/test/business", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body().get("code").asInt()).isEqualTo(10021);
    }

    @Test
    void annotatedOperationWritesItsOpLogRowWithSecretsMasked() throws Exception {
        String traceId = TraceIds.newId();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app-api/test/register"))
                .header("Content-Type", "application/json").header(TraceIds.HEADER, traceId)
                .header("X-Apay-User-Id", "7001")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"phone\":\"13800000000\",\"password\":\"Pa55word!\",\"smsCode\":\"123456\",\"profile\":{\"nickname\":\"amy\",\"apiSecret\":\"s3cr3t\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM op_log WHERE trace_id = ?", traceId);
        assertThat(row.get("operation")).isEqualTo("test.register");
        assertThat(row.get("actor_type")).isEqualTo("user");
        assertThat(row.get("actor_id")).isEqualTo("7001");
        assertThat(row.get("outcome")).isEqualTo("SUCCESS");
        assertThat(row.get("error_code")).isNull();
        assertThat(((Number) row.get("duration_ms")).longValue()).isGreaterThanOrEqualTo(0);
        String args = (String) row.get("args");
        assertThat(args).contains("13800000000").contains("amy")
                .doesNotContain("Pa55word!").doesNotContain("123456").doesNotContain("s3cr3t").doesNotContain("tok-123");
        JsonNode json = mapper.readTree(args);
        assertThat(json.at("/body/password").asText()).isEqualTo("***");
        assertThat(json.at("/body/smsCode").asText()).isEqualTo("***");
        assertThat(json.at("/body/profile/apiSecret").asText()).isEqualTo("***");
        assertThat(json.at("/clientToken").asText()).isEqualTo("***");
    }

    @Test
    void failedOperationIsLoggedWithItsErrorCode() throws Exception {
        String traceId = TraceIds.newId();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app-api/test/register"))
                .header("Content-Type", "application/json").header(TraceIds.HEADER, traceId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(409);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM op_log WHERE trace_id = ?", traceId);
        assertThat(row.get("outcome")).isEqualTo("FAILURE");
        assertThat(row.get("error_code")).isEqualTo(16999);
        assertThat(row.get("actor_type")).isEqualTo("system");
    }

    HttpResponse<String> admin(String method, String path, String json, String operatorId, String roles) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        if (operatorId != null) {
            b.header("X-Apay-Operator-Id", operatorId).header("X-Apay-Operator-Roles", roles);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminEndpointsCheckTheirPermissionAgainstTheOperatorsRoles() throws Exception {
        String credit = "{\"account\":\"a1\",\"amount\":\"5.00\",\"reason\":\"refund ticket 42\"}";
        assertThat(admin("POST", "/admin-api/test/credits", credit, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> support = admin("POST", "/admin-api/test/credits", credit, "9", "SUPPORT");
        assertThat(support.statusCode()).isEqualTo(403);
        assertThat(mapper.readTree(support.body()).get("code").asInt()).isEqualTo(10011);
        assertThat(admin("GET", "/admin-api/test/balances", null, "9", "SUPPORT").statusCode()).isEqualTo(200);
        assertThat(admin("POST", "/admin-api/test/credits", credit, "7", "FINANCE").statusCode()).isEqualTo(200);
        assertThat(admin("POST", "/admin-api/test/credits", credit, "1", "RISK,SUPER_ADMIN").statusCode()).isEqualTo(200);
        // an endpoint that forgot its permission is closed, even to a super admin
        assertThat(admin("GET", "/admin-api/test/forgotten", null, "1", "SUPER_ADMIN").statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminWriteLogsItsOperatorReasonAndTheStateBeforeAndAfter() throws Exception {
        String traceId = TraceIds.newId();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin-api/test/credits"))
                .header("Content-Type", "application/json").header(TraceIds.HEADER, traceId)
                .header("X-Apay-Operator-Id", "77").header("X-Apay-Operator-Roles", "FINANCE")
                .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"a1\",\"amount\":\"5.00\",\"reason\":\"refund ticket 42\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM op_log WHERE trace_id = ?", traceId);
        assertThat(row.get("actor_type")).isEqualTo("operator");
        assertThat(row.get("actor_id")).isEqualTo("77");
        assertThat(row.get("reason")).isEqualTo("refund ticket 42");
        assertThat(row.get("before_state")).isEqualTo("{\"balance\":\"10.00\"}");
        assertThat(row.get("after_state")).isEqualTo("{\"balance\":\"10.00+5.00\"}");

        String noReason = TraceIds.newId();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin-api/test/credits"))
                .header("Content-Type", "application/json").header(TraceIds.HEADER, noReason)
                .header("X-Apay-Operator-Id", "77").header("X-Apay-Operator-Roles", "FINANCE")
                .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"a1\",\"amount\":\"5.00\",\"reason\":\" \"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(refused.body()).get("message").asText()).contains("reason");
        Map<String, Object> failed = jdbc.queryForMap("SELECT * FROM op_log WHERE trace_id = ?", noReason);
        assertThat(failed.get("outcome")).isEqualTo("FAILURE");
        assertThat(failed.get("error_code")).isEqualTo(10001);
    }
}
