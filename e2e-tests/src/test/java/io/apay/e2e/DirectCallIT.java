package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.core.security.MeshAuth;
import io.apay.common.test.MeshCredentials;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Someone who reaches a service without the gateway (a network mistake, a pod next door) gets nothing: no
 * internal route, no belief in forged identity headers; the services listen on loopback in the local profile.
 */
class DirectCallIT {

    static Mesh mesh;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void up() throws Exception {
        mesh = SharedMesh.identity().mesh();
    }

    record Reply(int status, JsonNode body) {
    }

    static Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), AppClient.MAPPER.readTree(r.body()));
    }

    static HttpRequest appClientSecret() {
        return HttpRequest.newBuilder(URI.create(mesh.url("user-svc") + "/rpc-api/user/app-clients/e2e-android")).GET().build();
    }

    static HttpRequest merchantListAsForgedOperator() {
        return HttpRequest.newBuilder(URI.create(mesh.url("merchant-api-svc") + "/admin-api/merchant/merchants"))
                .header("X-Apay-Operator-Id", "1").header("X-Apay-Operator-Roles", "SUPER_ADMIN").GET().build();
    }

    @Test
    void anInternalRouteCalledDirectlyGivesNoSecret() throws Exception {
        Reply r = send(appClientSecret());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().get("code").asInt()).isEqualTo(10060);
        assertThat(r.body().toString()).doesNotContain("encryptedSecret").doesNotContain("v1:");
    }

    @Test
    void forgedIdentityHeadersAreNotBelieved() throws Exception {
        Reply r = send(merchantListAsForgedOperator());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().get("code").asInt()).isEqualTo(10060);
        assertThat(r.body().has("data")).isFalse();
    }

    @Test
    void aCredentialUnderAnotherKeyOrTooOldIsRefused() throws Exception {
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        String stale = MeshAuth.of(mesh.meshKey(), null).sign(System.currentTimeMillis() - 120_000, "GET",
                "/rpc-api/user/app-clients/e2e-android", Map.of());
        for (HttpRequest bad : List.of(
                MeshCredentials.sign(appClientSecret(), Base64.getEncoder().encodeToString(other)),
                MeshCredentials.sign(merchantListAsForgedOperator(), Base64.getEncoder().encodeToString(other)),
                HttpRequest.newBuilder(appClientSecret(), (n, v) -> true).header(MeshAuth.HEADER, stale).build())) {
            Reply r = send(bad);
            assertThat(r.status()).as(bad.uri().toString()).isEqualTo(401);
            assertThat(r.body().get("code").asInt()).as(bad.uri().toString()).isEqualTo(10061);
        }
    }

    @Test
    void withTheMeshCredentialTheSameCallsAreServed() throws Exception {
        Reply secret = send(MeshCredentials.sign(appClientSecret(), mesh.meshKey()));
        assertThat(secret.status()).isEqualTo(200);
        assertThat(secret.body().at("/data/keyId").asText()).isEqualTo("e2e-android");
        Reply merchants = send(MeshCredentials.sign(merchantListAsForgedOperator(), mesh.meshKey()));
        assertThat(merchants.status()).isEqualTo(200);
    }

    @Test
    void servicesListenOnLoopbackOnly() throws Exception {
        List<InetAddress> outside = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).toList();
        for (String service : List.of("gateway", "user-svc", "merchant-api-svc", "ledger-svc")) {
            int port = URI.create(mesh.url(service)).getPort();
            assertThat(canConnect(InetAddress.getLoopbackAddress(), port)).as(service + " on loopback").isTrue();
            for (InetAddress address : outside) {
                assertThat(canConnect(address, port)).as(service + " on " + address).isFalse();
            }
        }
    }

    static boolean canConnect(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
