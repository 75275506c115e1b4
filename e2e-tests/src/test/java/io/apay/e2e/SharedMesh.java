package io.apay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.MeshCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * One mesh (the gateway and every service the money path needs) shared by the test classes of this JVM: starting it
 * is the slow part.
 * It stops when the JVM ends.
 */
final class SharedMesh {

    record Identity(Mesh mesh, RedissonClient redis, String appKey, String appSecret) {
    }

    static Identity identity;
    private static Root root;

    /** The bootstrapped, activated super admin of the shared mesh. */
    record Root(AdminClient client, long operatorId, String totpSecret) {
    }

    /**
     * The gateway's per-address login, registration and SMS budgets, raised: every test class of this JVM registers
     * users and logs operators in from 127.0.0.1 within a minute or two, which the production budgets (gateway
     * application.yml) rightly refuse. The per-account budgets stay; the limits themselves are tested in the
     * gateway's AppSecurityIT.
     */
    private static final List<String> GATEWAY_RATE_LIMITS = List.of("--apay.rate-limit-per-ip.login=1000",
            "--apay.rate-limit-per-ip.register=1000", "--apay.rate-limit-per-ip.sms=1000", "--apay.rate-limit-per-ip.admin-login=1000");

    /**
     * otc-svc's clocks, shortened so the matrix tests see them act within seconds: an intent (a PAID order, an
     * OPENING or CLOSING ad, ...) older than {@code recover-after} is finished by the recovery job; a payable amount
     * freed by an EXPIRED or CANCELLED order is not given to another order for {@code amount-quarantine}
     * (production: 30 min); a report matches an open order only if its paidAt is within the order's life give or
     * take {@code match-clock-skew} (and an unpaid order expires only once {@code expiresAt} + the skew has passed).
     */
    static final Duration AMOUNT_QUARANTINE = Duration.ofSeconds(3);
    static final Duration MATCH_CLOCK_SKEW = Duration.ofSeconds(1);
    static final List<String> OTC_TIMINGS = List.of("--apay.otc.recover-after=2s", "--apay.otc.amount-quarantine=" + AMOUNT_QUARANTINE.toSeconds() + "s",
            "--apay.otc.match-clock-skew=" + MATCH_CLOCK_SKEW.toSeconds() + "s");

    /**
     * wallet-svc's clocks, shortened: a new address-book entry may be withdrawn to after {@code ADDRESS_COOLDOWN}
     * (production: 24 h), and an intent older than 2 s is re-driven by the recovery job.
     */
    static final Duration ADDRESS_COOLDOWN = Duration.ofSeconds(6);
    static final List<String> WALLET_TIMINGS = List.of("--apay.wallet.address-cooldown=" + ADDRESS_COOLDOWN.toSeconds() + "s",
            "--apay.wallet.recover-after=2s");

    private SharedMesh() {
    }

    /**
     * The fault proxy between every other service and ledger-svc ({@code mesh.url("ledger-svc")} is still the real
     * ledger). Whoever sets a fault puts it back to PASS before it returns.
     */
    static FaultProxy ledgerProxy() throws Exception {
        return identity().mesh().proxy("ledger-svc");
    }

    static synchronized Identity identity() throws Exception {
        if (identity == null) {
            Mesh mesh = Mesh.start(List.of("gateway", "user-svc", "sms-svc", "merchant-api-svc", "ledger-svc", "otc-svc", "push-svc",
                            "wallet-svc", "chain-bridge-svc", "wealth-svc", "job-svc"),
                    Map.of("sms-svc", List.of("--apay.sms.resend-interval=1s"), "gateway", GATEWAY_RATE_LIMITS, "otc-svc", OTC_TIMINGS,
                            "wallet-svc", WALLET_TIMINGS, "merchant-api-svc", List.of("--apay.merchant.payouts.recover-after=2s"),
                            "job-svc", List.of("--apay.job.otc-recover-every=3s", "--apay.job.wallet-recover-every=2s",
                                    "--apay.job.payout-recover-every=2s")),
                    Set.of("ledger-svc"));
            Config config = new Config();
            config.useSingleServer().setAddress("redis://127.0.0.1:6379");
            RedissonClient redis = Redisson.create(config);
            // an app client, as an operator creates one (user-svc's internal endpoint, never routed by the gateway)
            HttpResponse<String> created = HttpClient.newHttpClient().send(MeshCredentials.sign(HttpRequest.newBuilder(
                            URI.create(mesh.url("user-svc") + "/rpc-api/user/app-clients"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"keyId\":\"e2e-android\",\"name\":\"E2E Android\"}")).build(),
                    mesh.meshKey()), HttpResponse.BodyHandlers.ofString());
            JsonNode data = AppClient.MAPPER.readTree(created.body()).get("data");
            identity = new Identity(mesh, redis, data.get("keyId").asText(), data.get("secret").asText());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                redis.getKeys().deleteByPattern(mesh.redisPrefix() + "*");
                redis.shutdown();
                mesh.close();
            }));
        }
        return identity;
    }

    static synchronized Root root() throws Exception {
        if (root == null) {
            Mesh mesh = identity().mesh();
            HttpResponse<String> boot = HttpClient.newHttpClient().send(MeshCredentials.sign(HttpRequest.newBuilder(
                            URI.create(mesh.url("user-svc") + "/rpc-api/user/operators/bootstrap"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"root\",\"displayName\":\"Platform owner\"}")).build(),
                    mesh.meshKey()), HttpResponse.BodyHandlers.ofString());
            JsonNode created = AppClient.MAPPER.readTree(boot.body()).get("data");
            AdminClient client = new AdminClient(mesh.gateway());
            String secret = client.activateAndLogin("root", created.get("activationCode").asText(), "root-password-for-e2e");
            root = new Root(client, created.get("operatorId").asLong(), secret);
        }
        return root;
    }

    /** A new operator with these roles, created by the root operator, activated and logged in. */
    static AdminClient operator(String username, String... roles) throws Exception {
        AppClient.Reply created = root().client().post("/admin-api/user/operators",
                Map.of("username", username, "displayName", username, "roles", List.of(roles), "reason", "e2e: new " + username));
        if (created.status() != 200) {
            throw new AssertionError("creating operator " + username + ": " + created.body());
        }
        AdminClient op = new AdminClient(identity().mesh().gateway());
        op.activateAndLogin(username, created.data().get("activationCode").asText(), username + "-password-long");
        return op;
    }
}
