package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.RawHttp;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's hostile-input suite at the edge: one table of requests no honest client sends, each through the
 * real gateway and services, each answered with the JSON envelope carrying its documented code and a trace id, and
 * never an HTML page, a stack trace or exception text.
 *
 * <p>To add a case, add one {@link Case} to {@link #cases()}: a name, how to send it ({@link #raw} for bytes on a
 * plain socket; {@link #admin}, {@link #app} or a lambda for anything else), the expected status and code.
 */
class HostileInputIT {

    static Mesh mesh;
    static SharedMesh.Identity identity;
    static SharedMesh.Root root;

    @BeforeAll
    static void up() throws Exception {
        identity = SharedMesh.identity();
        mesh = identity.mesh();
        root = SharedMesh.root();
    }

    /** What came back, whichever way the request was sent. */
    record Answer(int status, String contentType, String body, String traceHeader) {
    }

    interface Sender {
        Answer send() throws Exception;
    }

    record Case(String name, Sender request, int status, int code) {
    }

    static int gatewayPort() {
        return URI.create(mesh.gateway()).getPort();
    }

    /** Exactly these bytes to the gateway over a plain socket. */
    static Sender raw(String request) {
        return () -> {
            RawHttp.Reply r = RawHttp.send(gatewayPort(), request);
            return new Answer(r.status(), r.header("content-type"), r.body(), r.header("x-trace-id"));
        };
    }

    /** Exactly these bytes straight to a service's own port, not through the gateway. */
    static Sender rawTo(String service, String request) {
        return () -> {
            RawHttp.Reply r = RawHttp.send(URI.create(mesh.url(service)).getPort(), request);
            return new Answer(r.status(), r.header("content-type"), r.body(), r.header("x-trace-id"));
        };
    }

    /** An operator's request (session token, idempotency key) with this exact body and content type. */
    static Sender admin(String method, String path, String contentType, String body) {
        return () -> raw(RawHttp.request(method, path, contentType, body, "Authorization: Bearer " + root.client().token,
                "Idempotency-Key: " + UUID.randomUUID())).send();
    }

    /** A signed app request with this exact JSON body text. */
    static Sender app(String path, String jsonBody) {
        return () -> {
            AppClient.Reply r = new AppClient(mesh.gateway(), identity.appKey(), identity.appSecret()).postRaw(path, jsonBody);
            return new Answer(r.status(), r.raw().headers().firstValue("Content-Type").orElse(null),
                    new String(r.raw().body(), java.nio.charset.StandardCharsets.UTF_8), r.raw().headers().firstValue("X-Trace-Id").orElse(null));
        };
    }

    /** A signed app request with this exact JSON body text, extra query parameters and Content-Type. */
    static Sender app(String path, Map<String, String> query, String jsonBody, String contentType) {
        return () -> {
            AppClient.Reply r = new AppClient(mesh.gateway(), identity.appKey(), identity.appSecret()).postRaw(path, query, jsonBody, contentType);
            return new Answer(r.status(), r.raw().headers().firstValue("Content-Type").orElse(null),
                    new String(r.raw().body(), java.nio.charset.StandardCharsets.UTF_8), r.raw().headers().firstValue("X-Trace-Id").orElse(null));
        };
    }

    /** A WebSocket upgrade request for this path, with extra header lines. */
    static String upgrade(String path, String... headers) {
        List<String> lines = new ArrayList<>(List.of("Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
        lines.addAll(List.of(headers));
        return RawHttp.get(path, lines.toArray(String[]::new));
    }

    static String manyHeaders(int count, int size) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("X-Part-" + i + ": " + "b".repeat(size));
        }
        return String.join("\r\n", lines);
    }

    static List<Case> cases() {
        String newOperator = "{\"username\":\"hostile-%s\",\"displayName\":\"%s\",\"roles\":[\"SUPPORT\"],\"reason\":\"%s\"}";
        List<Case> cases = new ArrayList<>(List.of(
                // path tricks and encodings: refused by the gateway's path guard before any route
                new Case("%00 in the path", raw(RawHttp.get("/app-api/user/profile%00")), 400, 10002),
                new Case("%00 before an extension", raw(RawHttp.get("/cashier/api/orders/x%00.json")), 400, 10002),
                new Case("encoded dot segments %2e%2e", raw(RawHttp.get("/app-api/user/%2e%2e/%2e%2e/rpc-api/user/app-clients")), 400, 10002),
                new Case("encoded slash %2f", raw(RawHttp.get("/app-api/user/..%2f..%2frpc-api/user/app-clients")), 400, 10002),
                new Case("overlong UTF-8 slash %c0%af", raw(RawHttp.get("/app-api/user/..%c0%af..%c0%afrpc-api/user/app-clients")), 400, 10002),
                new Case("truncated UTF-8", raw(RawHttp.get("/cashier/api/orders/%e2%82")), 400, 10002),
                new Case("encoded CR LF", raw(RawHttp.get("/cashier/api/orders/x%0d%0aSet-Cookie:%20a=b")), 400, 10002),
                new Case("encoded ESC (ANSI)", raw(RawHttp.get("/cashier/api/orders/%1b%5b31m")), 400, 10002),
                new Case("double-encoded %252e", raw(RawHttp.get("/app-api/user/%252e%252e/rpc-api")), 400, 10002),
                new Case("backslash", raw(RawHttp.get("/app-api/user/..\\..\\rpc-api/user/app-clients")), 400, 10002),
                new Case("double slash", raw(RawHttp.get("/app-api/user//profile")), 400, 10002),
                new Case("path parameter", raw(RawHttp.get("/app-api/user;x=1/../rpc-api")), 400, 10002),
                new Case("internal path", raw(RawHttp.get("/rpc-api/user/app-clients")), 404, 10020),
                // sizes: the gateway's HTTP decoder (4096-byte request line, 16 KB of headers)
                new Case("very long path", raw(RawHttp.get("/cashier/api/orders/" + "a".repeat(5_000))), 414, 10071),
                new Case("oversized URL (query)", raw(RawHttp.get("/cashier/api/orders/x?q=" + "a".repeat(8_000))), 414, 10071),
                new Case("one header over the gateway's limit", raw(RawHttp.get("/cashier/api/orders/x", "X-Big: " + "a".repeat(20_000))), 431, 10072),
                new Case("headers over the gateway's limit in all", raw(RawHttp.get("/cashier/api/orders/x", manyHeaders(24, 1_000))), 431, 10072),
                // between Tomcat's default (8 KB) and the gateway's limit: the service must take it and answer itself
                new Case("a 12 KB header reaches the service", raw(RawHttp.get("/cashier/api/orders/no-such-token", "X-Big: " + "a".repeat(12_000))), 404, 16001),
                new Case("12 KB of headers reach the service", raw(RawHttp.get("/cashier/api/orders/no-such-token", manyHeaders(12, 1_000))), 404, 16001),
                // the HTTP layer
                new Case("malformed request line (version)", raw("GET /cashier/api/orders/x HTTP/9.x\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, 10002),
                new Case("malformed request line (no target)", raw("GET\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, 10002),
                new Case("malformed escape in the target", raw(RawHttp.get("/cashier/api/orders/%zz")), 400, 10002),
                new Case("CORS preflight from a foreign origin", raw(RawHttp.request("OPTIONS", "/app-api/user/profile", null, null,
                        "Origin: https://evil.example", "Access-Control-Request-Method: POST")), 403, 11110),
                // (the cashier API is open to any origin on purpose: its page may be served from a CDN)
                new Case("CORS request from a foreign origin", raw(RawHttp.get("/app-api/user/profile", "Origin: https://evil.example")), 403, 11110),
                // bodies
                new Case("repeated key in an admin body", admin("POST", "/admin-api/user/operators", "application/json",
                        String.format(newOperator, "dup", "Dup", "a").replace("\"reason\":\"a\"", "\"reason\":\"a\",\"reason\":\"b\"")), 400, 10070),
                new Case("repeated key in an app body", app("/app-api/user/auth/login/password",
                        "{\"phone\":\"+8613800000000\",\"password\":\"x-password-1\",\"password\":\"y-password-2\",\"deviceId\":\"d1\"}"), 400, 11010),
                new Case("a signed JSON body declared in another charset", app("/app-api/user/auth/login/password", Map.of(),
                        "{\"phone\":\"+8613800000000\",\"password\":\"x-password-1\",\"deviceId\":\"d1\"}",
                        "application/json; charset=UTF-16"), 400, 11092),
                // tokens travel in headers: a URL is logged, kept in histories and sent on as Referer
                new Case("a login token in an app URL", app("/app-api/user/auth/login/password", Map.of("token", "a-login-token"),
                        "{\"phone\":\"+8613800000000\",\"password\":\"x-password-1\",\"deviceId\":\"d1\"}",
                        "application/json"), 400, 11091),
                new Case("raw control character in a JSON string", admin("POST", "/admin-api/user/operators", "application/json",
                        String.format(newOperator, "ctl", "Bad\u0001Name", "ctl")), 400, 10002),
                new Case("text/plain on a JSON endpoint", admin("POST", "/admin-api/user/operators", "text/plain",
                        String.format(newOperator, "txt", "Txt", "txt")), 415, 10022),
                new Case("XML on a JSON endpoint", admin("POST", "/admin-api/user/operators", "application/xml",
                        "<operator><username>hostile-xml</username><reason>x</reason></operator>"), 415, 10022)));
        cases.addAll(List.of(
                // refused WebSocket upgrades: an HTTP answer with the code, never 101 then a close (MonitorHandshakeIT
                // covers the device checks 19001-19003 and 19010 with a logged-in acceptor)
                new Case("monitor upgrade without a login token", raw(upgrade("/ws/monitor?deviceId=d1&ts=1&sig=" + "0".repeat(64))), 401, 11020),
                new Case("monitor upgrade with an unknown login token", raw(upgrade("/ws/monitor?deviceId=d1&ts=1&sig=" + "0".repeat(64),
                        "Authorization: Bearer " + UUID.randomUUID())), 401, 11021),
                // control and invisible formatting characters, sent as JSON escapes, refused by validation (10050)
                new Case("RTL override in a display name", admin("POST", "/admin-api/user/operators", "application/json",
                        String.format(newOperator, "rtl", "Eve\\u202Egnp.exe", "rtl")), 400, 10050),
                new Case("NUL in a reason", admin("POST", "/admin-api/user/operators", "application/json",
                        String.format(newOperator, "nul", "Nul", "a\\u0000b")), 400, 10050),
                new Case("ANSI escape in a reason", admin("POST", "/admin-api/user/operators", "application/json",
                        String.format(newOperator, "ansi", "Ansi", "\\u001b[31mred")), 400, 10050)));
        cases.addAll(List.of(
                // straight to a service, past the gateway (a network mistake): no internal route, no forged identity
                new Case("direct rpc call to user-svc without the mesh credential", rawTo("user-svc",
                        RawHttp.get("/rpc-api/user/app-clients/e2e-android")), 401, 10060),
                new Case("direct admin call to merchant-api-svc with a forged operator", rawTo("merchant-api-svc",
                        RawHttp.get("/admin-api/merchant/merchants", "X-Apay-Operator-Id: 1", "X-Apay-Operator-Roles: SUPER_ADMIN")), 401, 10060),
                new Case("direct ledger credit with a made-up mesh credential", rawTo("ledger-svc",
                        RawHttp.request("POST", "/admin-api/ledger/credits", "application/json", "{}", "X-Apay-Operator-Id: 1",
                                "X-Apay-Operator-Roles: FINANCE", "X-Apay-Auth: " + System.currentTimeMillis() + "." + "0".repeat(64))), 401, 10061),
                new Case("direct app call to otc-svc with a forged user", rawTo("otc-svc",
                        RawHttp.get("/app-api/otc/acceptor", "X-Apay-User-Id: 1")), 401, 10060),
                // coin leaving the platform: only through the gateway, signed, logged in
                new Case("direct withdrawal at wallet-svc with a forged user", rawTo("wallet-svc",
                        RawHttp.request("POST", "/app-api/wallet/withdrawals", "application/json", "{}", "X-Apay-User-Id: 1")), 401, 10060),
                new Case("direct payout at wallet-svc without the mesh credential", rawTo("wallet-svc",
                        RawHttp.request("POST", "/rpc-api/wallet/payouts", "application/json", "{}")), 401, 10060),
                new Case("direct send at chain-bridge-svc without the mesh credential", rawTo("chain-bridge-svc",
                        RawHttp.request("POST", "/rpc-api/chain/withdrawals", "application/json", "{}")), 401, 10060),
                new Case("the wallet's internal payout path through the gateway", raw(RawHttp.get("/rpc-api/wallet/payouts/m/p")), 404, 10020),
                new Case("a signed withdrawal without a login token", app("/app-api/wallet/withdrawals",
                        "{\"requestNo\":\"h1\",\"network\":\"LOCAL\",\"coin\":\"USDT\",\"toAddress\":\"0x52908400098527886E0F7030069857D2E4169EE7\",\"amount\":\"10\",\"totpCode\":\"123456\"}"),
                        401, 11020)));
        // DirectCallIT covers the rest: a valid credential for another path, a stale one, closed external interfaces.
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsAnsweredWithTheEnvelopeAndItsCode() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Answer a = c.request().send();
            assertThat(a.status()).as(c.name() + " -> " + a.body()).isEqualTo(c.status());
            assertThat(a.contentType()).as(c.name() + " content type").startsWith("application/json");
            JsonNode body = AppClient.MAPPER.readTree(a.body());
            assertThat(body.path("code").asInt()).as(c.name() + " -> " + a.body()).isEqualTo(c.code());
            assertThat(body.path("traceId").asText()).as(c.name() + " trace id").matches("[0-9a-f]{32}");
            assertThat(a.traceHeader()).as(c.name() + " X-Trace-Id").isEqualTo(body.path("traceId").asText());
            assertThat(a.body()).as(c.name()).doesNotContainIgnoringCase("<html").doesNotContain("Exception")
                    .doesNotContain("\tat ").doesNotContain("Tomcat").doesNotContain("java.");
        }));
    }
}
