package io.apay.common.web.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.security.MeshAuth;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A service believes nobody who reaches it without the mesh credential: a direct call with forged identity headers
 * or to an internal (/rpc-api) route is refused with 401; the gateway's or a service's signed call is served.
 */
@ApayIntegrationTest(classes = WebTestApp.class)
class MeshTrustIT {

    @LocalServerPort
    int port;

    @Value("${apay.mesh.key}")
    String meshKey;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper mapper = new ObjectMapper();

    record Reply(int status, JsonNode body) {
        int code() {
            return body.path("code").asInt();
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
        return new Reply(r.statusCode(), json ? mapper.readTree(r.body()) : mapper.createObjectNode());
    }

    HttpRequest forgedOperator(String path) {
        return request(path).header("X-Apay-Operator-Id", "1").header("X-Apay-Operator-Roles", "SUPER_ADMIN").GET().build();
    }

    @Test
    void aDirectCallWithForgedIdentityHeadersIsRefused() throws Exception {
        Reply r = send(forgedOperator("/admin-api/test/balances"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo(10060);
        assertThat(r.body().path("traceId").asText()).isNotBlank();
        assertThat(r.body().has("data")).isFalse();
    }

    @Test
    void anInternalRouteWithoutACredentialIsRefused() throws Exception {
        Reply r = send(request("/rpc-api/test/secret").GET().build());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo(10060);
        assertThat(r.body().toString()).doesNotContain("encrypted-secret");
    }

    @Test
    void aWrongStaleOrReaimedCredentialIsRefused() throws Exception {
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        HttpRequest wrongKey = MeshCredentials.sign(request("/rpc-api/test/secret").GET().build(),
                Base64.getEncoder().encodeToString(other));
        String stale = MeshAuth.of(meshKey, null).sign(System.currentTimeMillis() - 61_000, "GET", "/rpc-api/test/secret", Map.of());
        String reaimed = MeshCredentials.sign(request("/app-api/test/business").GET().build(), meshKey)
                .headers().firstValue(MeshAuth.HEADER).orElseThrow();
        HttpRequest signedThenForged = MeshCredentials.sign(request("/admin-api/test/balances")
                .header("X-Apay-Operator-Id", "77").header("X-Apay-Operator-Roles", "AUDITOR").GET().build(), meshKey);
        for (HttpRequest bad : new HttpRequest[] {
                wrongKey,
                request("/rpc-api/test/secret").header(MeshAuth.HEADER, stale).GET().build(),
                request("/rpc-api/test/secret").header(MeshAuth.HEADER, reaimed).GET().build(),
                request("/rpc-api/test/secret").header(MeshAuth.HEADER, "garbage").GET().build(),
                HttpRequest.newBuilder(signedThenForged, (n, v) -> !n.equalsIgnoreCase("X-Apay-Operator-Roles"))
                        .header("X-Apay-Operator-Roles", "SUPER_ADMIN").build()}) {
            Reply r = send(bad);
            assertThat(r.status()).as(bad.uri() + " " + bad.headers().map()).isEqualTo(401);
            assertThat(r.code()).as(bad.uri().toString()).isEqualTo(10061);
        }
    }

    /**
     * A credential the gateway made for a path it forwards (here a route under /cashier) cannot be re-aimed at the
     * path under it by naming the rest a forwarded prefix; the refusal logs the TCP peer, not a client-chosen
     * X-Forwarded-For.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aForwardedPrefixDoesNotReaimACredential(CapturedOutput log) throws Exception {
        String forPrefixed = MeshCredentials.sign(request("/cashier/rpc-api/test/secret").GET().build(), meshKey)
                .headers().firstValue(MeshAuth.HEADER).orElseThrow();
        Reply r = send(request("/rpc-api/test/secret").header(MeshAuth.HEADER, forPrefixed)
                .header("X-Forwarded-Prefix", "/cashier").header("X-Forwarded-For", "203.0.113.10").GET().build());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo(10061);
        assertThat(r.body().toString()).doesNotContain("encrypted-secret");
        assertThat(log.getOut()).contains("refused GET /rpc-api/test/secret from 127.0.0.1").doesNotContain("203.0.113.10");
    }

    @Test
    void aSignedCallIsServedWithItsIdentity() throws Exception {
        Reply rpc = send(MeshCredentials.sign(request("/rpc-api/test/secret").GET().build(), meshKey));
        assertThat(rpc.status()).isEqualTo(200);
        assertThat(rpc.body().path("data").asText()).isEqualTo("v1:encrypted-secret");
        Reply admin = send(MeshCredentials.sign(forgedOperator("/admin-api/test/balances"), meshKey));
        assertThat(admin.status()).isEqualTo(200);
    }

    /** Closed unless open by name: a route outside the API prefixes needs the credential too. */
    @Test
    void aRouteOutsideTheApiPrefixesIsGuardedToo() throws Exception {
        Reply r = send(request("/internal-test/ping").GET().build());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo(10060);
        assertThat(r.body().toString()).doesNotContain("pong");
        assertThat(send(request("/no-such-route").GET().build()).code()).isEqualTo(10060);
        Reply signed = send(MeshCredentials.sign(request("/internal-test/ping").GET().build(), meshKey));
        assertThat(signed.status()).isEqualTo(200);
        assertThat(signed.body().path("data").asText()).isEqualTo("pong");
    }

    @Test
    void healthAndApiDocsStayOpenWithoutIdentity() throws Exception {
        assertThat(send(request("/actuator/health/readiness").GET().build()).status()).isEqualTo(200);
        assertThat(send(request("/actuator/prometheus").GET().build()).status()).isEqualTo(200);
        assertThat(send(request("/v3/api-docs").GET().build()).status()).isEqualTo(200);
        assertThat(send(request("/v3/api-docs/swagger-config").GET().build()).status()).isEqualTo(200);
        assertThat(send(request("/swagger-ui/index.html").GET().build()).status()).isEqualTo(200);
        // a path that only looks open is not
        assertThat(send(request("/actuator/../rpc-api/test/secret").GET().build()).status()).isNotEqualTo(200);
        // and an open path is no way to slip identity headers in
        Reply forged = send(request("/actuator/health").header("X-Apay-User-Id", "7").GET().build());
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo(10060);
    }
}
