package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.core.crypto.RsaKeys;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operators and the admin API through the real gateway, user-svc and merchant-api-svc. */
class AdminFlowIT {

    static Mesh mesh;
    static SharedMesh.Identity identity;
    static SharedMesh.Root root;

    @BeforeAll
    static void up() throws Exception {
        identity = SharedMesh.identity();
        mesh = identity.mesh();
        root = SharedMesh.root();
    }

    static AdminClient operator(String username, String... roles) throws Exception {
        return SharedMesh.operator(username, roles);
    }

    @Test
    void anAppUsersTokenGetsNothingFromTheAdminApi() throws Exception {
        AppClient app = new AppClient(mesh.gateway(), identity.appKey(), identity.appSecret());
        String phone = "+8613200000001";
        app.post("/app-api/sms/codes", Map.of("phone", phone, "purpose", "REGISTER"));
        String code = IdentityFlowIT.codeFor(identity, phone);
        AppClient.Reply reg = app.post("/app-api/user/auth/register",
                Map.of("phone", phone, "smsCode", code, "password", "app-user-pass-1", "deviceId", "d1"));
        AdminClient asAppUser = new AdminClient(mesh.gateway());
        asAppUser.token = reg.data().get("token").asText();
        AppClient.Reply r = asAppUser.get("/admin-api/user/users");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo(11021);
    }

    @Test
    void anOperatorWithoutTwoFactorCannotLogIn() throws Exception {
        AppClient.Reply created = root.client().post("/admin-api/user/operators",
                Map.of("username", "nina", "displayName", "Nina", "roles", List.of("SUPPORT"), "reason", "e2e: not activated"));
        assertThat(created.status()).isEqualTo(200);
        AdminClient nina = new AdminClient(mesh.gateway());
        AppClient.Reply notActivated = nina.post("/admin-api/user/auth/login",
                Map.of("username", "nina", "password", "any-password-12", "totpCode", "123456"));
        assertThat(notActivated.status()).isEqualTo(403);
        assertThat(notActivated.code()).isEqualTo(12052);
        AppClient.Reply noCode = root.client().post("/admin-api/user/auth/login", Map.of("username", "root", "password", "root-password-for-e2e"));
        assertThat(noCode.status()).isEqualTo(400);
        assertThat(noCode.data().get("errors").findValuesAsText("field")).containsExactly("totpCode");
    }

    @Test
    void supportIsRefusedWhatItMayNotDoEvenWithASpoofedRoleHeader() throws Exception {
        AdminClient sam = operator("sam", "SUPPORT");
        assertThat(sam.get("/admin-api/user/users").status()).isEqualTo(200);
        Map<String, Object> merchant = Map.of("merchantNo", "M-SAM", "name", "x", "ipWhitelist", List.of("127.0.0.1"),
                "publicKeyPem", newPublicKeyPem(), "reason", "try");
        AppClient.Reply refused = sam.post("/admin-api/merchant/merchants", merchant);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo(10011);
        sam.extraHeaders.put("X-Apay-Operator-Roles", "SUPER_ADMIN");
        sam.extraHeaders.put("X-Apay-Operator-Id", Long.toString(root.operatorId()));
        assertThat(sam.post("/admin-api/merchant/merchants", merchant).status()).isEqualTo(403);
        assertThat(sam.post("/admin-api/user/operators", Map.of("username", "evil", "displayName", "evil",
                "roles", List.of("SUPER_ADMIN"), "reason", "promote")).status()).isEqualTo(403);
    }

    @Test
    void everyAdminWriteLeavesAnOpLogRowWithTheOperatorAndTheReason() throws Exception {
        AdminClient mia = operator("mia", "MERCHANT_MANAGER");
        AppClient.Reply created = mia.post("/admin-api/merchant/merchants", Map.of("merchantNo", "M-E2E-1", "name", "E2E Shop",
                "ipWhitelist", List.of("127.0.0.1"), "publicKeyPem", newPublicKeyPem(), "reason", "contract 2026-118"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        JsonNode logs = root.client().get("/admin-api/merchant/op-logs?operation=merchant.create").data().get("list");
        JsonNode row = logs.get(0);
        assertThat(row.get("actor_type").asText()).isEqualTo("operator");
        assertThat(row.get("reason").asText()).isEqualTo("contract 2026-118");
        assertThat(row.get("after_state").asText()).contains("M-E2E-1");
        long miaId = root.client().get("/admin-api/user/operators").data().findParents("username").stream()
                .filter(o -> o.get("username").asText().equals("mia")).findFirst().orElseThrow().get("operatorId").asLong();
        assertThat(row.get("actor_id").asText()).isEqualTo(Long.toString(miaId));

        JsonNode userLogs = root.client().get("/admin-api/user/op-logs?operation=operator.create").data().get("list");
        assertThat(userLogs.findValuesAsText("reason")).contains("e2e: new mia");
    }

    @Test
    void anAppKeysOldSecretStopsAfterItsGracePeriodAndTheNewOneWorks() throws Exception {
        AppClient.Reply created = root.client().post("/admin-api/user/app-clients",
                Map.of("keyId", "rotating-app", "name", "Rotating", "reason", "e2e rotation"));
        String oldSecret = created.data().get("secret").asText();
        AppClient.Reply rotated = root.client().post("/admin-api/user/app-clients/rotating-app/rotate",
                Map.of("graceSeconds", 3, "reason", "scheduled rotation"));
        String newSecret = rotated.data().get("secret").asText();

        assertThat(signatureAccepted(oldSecret)).isTrue(); // within the grace period
        assertThat(signatureAccepted(newSecret)).isTrue();
        Thread.sleep(4000);
        AppClient old = new AppClient(mesh.gateway(), "rotating-app", oldSecret);
        assertThat(old.post("/app-api/user/auth/login/password", Map.of("phone", "+8613999999999", "password", "x", "deviceId", "d")).code())
                .isEqualTo(11009);
        assertThat(signatureAccepted(newSecret)).isTrue();
    }

    /** A signed request reaches user-svc (which then refuses the unknown phone) rather than stopping at the signature check. */
    static boolean signatureAccepted(String secret) throws Exception {
        AppClient app = new AppClient(mesh.gateway(), "rotating-app", secret);
        AppClient.Reply r = app.post("/app-api/user/auth/login/password",
                Map.of("phone", "+8613999999999", "password", "x-" + UUID.randomUUID(), "deviceId", "d"));
        return r.code() == 12002;
    }

    static String newPublicKeyPem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return RsaKeys.toPem(g.generateKeyPair().getPublic());
    }
}
