package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.test.ApayIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With an admin allowlist that does not include the caller, /admin-api/** is closed before any session check. */
@ApayIntegrationTest(properties = "apay.gateway.security.admin-allowlist=10.9.9.0/24,2001:db8::/32")
class AdminAllowlistIT {

    @LocalServerPort int port;

    @Test
    void callersOutsideTheAllowlistAreRefused() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/admin-api/user/auth/login")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").header("X-Apay-Client-Ip", "10.9.9.9").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(r.body()).get("code").asInt()).isEqualTo(11050); // the spoofed header counted for nothing
    }
}
