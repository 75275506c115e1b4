package io.apay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.error.ErrorCodeRange;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ErrorCodeContract;
import io.apay.merchant.MerchantHttp.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ApayIntegrationTest
class MerchantOnboardingIT {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;

    Reply call(String method, String path, Object body, String roles) throws Exception {
        return new MerchantHttp(port).admin(method, path, body, roles);
    }

    static String newPublicKeyPem(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        KeyPair kp = g.generateKeyPair();
        return RsaKeys.toPem(kp.getPublic());
    }

    static Map<String, Object> merchant(String no, String pem) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("merchantNo", no);
        m.put("name", "Shop " + no);
        m.put("ipWhitelist", List.of("203.0.113.7", "10.1.0.0/16"));
        m.put("publicKeyPem", pem);
        m.put("reason", "signed contract #" + no);
        return m;
    }

    @Test
    void errorCodesFollowTheContract() {
        ErrorCodeContract.check(MerchantApiErrorCodes.class, ErrorCodeRange.MERCHANT);
    }

    @Test
    void aMerchantManagerOnboardsAMerchantAndSupportOnlyReads() throws Exception {
        String pem = newPublicKeyPem(2048);
        assertThat(call("POST", "/admin-api/merchant/merchants", merchant("M100", pem), "SUPPORT").status()).isEqualTo(403);
        Reply created = call("POST", "/admin-api/merchant/merchants", merchant("M100", pem), "MERCHANT_MANAGER");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.data().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.data().get("keys").get(0).get("fingerprint").asText()).hasSize(64);
        assertThat(call("GET", "/admin-api/merchant/merchants/M100", null, "SUPPORT").status()).isEqualTo(200);
        assertThat(call("POST", "/admin-api/merchant/merchants", merchant("M100", pem), "MERCHANT_MANAGER").code()).isEqualTo(20002);

        // the console's search: the merchant number exactly, or a part of the name; anything else finds nothing
        assertThat(call("GET", "/admin-api/merchant/merchants?q=M100", null, "SUPPORT").data().get("list").get(0).get("merchantNo").asText())
                .isEqualTo("M100");
        assertThat(call("GET", "/admin-api/merchant/merchants?q=hop%20M10", null, "SUPPORT").data().get("total").asLong()).isEqualTo(1);
        assertThat(call("GET", "/admin-api/merchant/merchants?q=no-such-shop", null, "SUPPORT").data().get("total").asLong()).isZero();

        Map<String, Object> log = jdbc.queryForMap("SELECT * FROM op_log WHERE operation = 'merchant.create' AND outcome = 'SUCCESS'"
                + " AND after_state LIKE '%\"merchantNo\":\"M100\"%'");
        assertThat(log.get("actor_id")).isEqualTo("5");
        assertThat(log.get("reason")).isEqualTo("signed contract #M100");
        assertThat((String) log.get("after_state")).contains("\"merchantNo\":\"M100\"").contains("203.0.113.7");
    }

    /** The name search matches what was typed: % and _ are characters, not wildcards. */
    @Test
    void theNameSearchTakesPercentAndUnderscoreLiterally() throws Exception {
        Map<String, String> names = Map.of("MQ1", "Sale 73% Off", "MQ2", "Sale 73X Off", "MQ3", "Wild_Card Store", "MQ4", "WildXCard Store",
                "MQ5", "Bang! Shop", "MQ6", "Bang Shop");
        for (Map.Entry<String, String> e : names.entrySet()) {
            Map<String, Object> m = merchant(e.getKey(), newPublicKeyPem(2048));
            m.put("name", e.getValue());
            Reply created = call("POST", "/admin-api/merchant/merchants", m, "MERCHANT_MANAGER");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        }
        Map<String, List<String>> expected = Map.of("73%", List.of("MQ1"), "d_C", List.of("MQ3"), "g!", List.of("MQ5"),
                "%", List.of("MQ1"), "_", List.of("MQ3"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            Reply found = call("GET", "/admin-api/merchant/merchants?q=" + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8), null, "SUPPORT");
            assertThat(found.status()).as(found.body().toString()).isEqualTo(200);
            List<String> nos = new ArrayList<>();
            found.data().get("list").forEach(n -> nos.add(n.get("merchantNo").asText()));
            assertThat(nos).as("q=" + e.getKey()).containsExactlyElementsOf(e.getValue());
        }
    }

    @Test
    void weakKeysAndBadWhitelistsAreRefused() throws Exception {
        assertThat(call("POST", "/admin-api/merchant/merchants", merchant("M200", newPublicKeyPem(1024)), "MERCHANT_MANAGER").code())
                .isEqualTo(20003);
        assertThat(call("POST", "/admin-api/merchant/merchants", merchant("M200", "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----"),
                "MERCHANT_MANAGER").code()).isEqualTo(20003);
        Map<String, Object> badIps = merchant("M200", newPublicKeyPem(2048));
        badIps.put("ipWhitelist", List.of("shop.example.com"));
        assertThat(call("POST", "/admin-api/merchant/merchants", badIps, "MERCHANT_MANAGER").code()).isEqualTo(20004);
        Map<String, Object> noReason = merchant("M200", newPublicKeyPem(2048));
        noReason.remove("reason");
        Reply invalid = call("POST", "/admin-api/merchant/merchants", noReason, "MERCHANT_MANAGER");
        assertThat(invalid.code()).isEqualTo(10001);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM merchant WHERE merchant_no = 'M200'", Integer.class)).isZero();
    }

    @Test
    void suspendResumeWhitelistAndKeyRotation() throws Exception {
        call("POST", "/admin-api/merchant/merchants", merchant("M300", newPublicKeyPem(2048)), "MERCHANT_MANAGER");
        assertThat(call("POST", "/admin-api/merchant/merchants/M300/suspend", Map.of("reason", "unpaid fees"), "MERCHANT_MANAGER")
                .data().get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(call("GET", "/rpc-api/merchant/merchants/M300/credentials", null, null).data().get("active").asBoolean()).isFalse();
        assertThat(call("POST", "/admin-api/merchant/merchants/M300/suspend", Map.of("reason", "again"), "MERCHANT_MANAGER").code())
                .isEqualTo(20005);
        call("POST", "/admin-api/merchant/merchants/M300/resume", Map.of("reason", "paid"), "MERCHANT_MANAGER");

        Reply ips = call("PUT", "/admin-api/merchant/merchants/M300/ip-whitelist",
                Map.of("ipWhitelist", List.of("198.51.100.0/24"), "reason", "moved data centre"), "MERCHANT_MANAGER");
        assertThat(ips.data().get("ipWhitelist").get(0).asText()).isEqualTo("198.51.100.0/24");

        Reply rotated = call("POST", "/admin-api/merchant/merchants/M300/keys",
                Map.of("publicKeyPem", newPublicKeyPem(2048), "graceSeconds", 86400, "reason", "key rotation"), "MERCHANT_MANAGER");
        assertThat(rotated.data().get("keys")).hasSize(2);
        JsonNode creds = call("GET", "/rpc-api/merchant/merchants/M300/credentials", null, null).data();
        assertThat(creds.get("active").asBoolean()).isTrue();
        assertThat(creds.get("publicKeys")).hasSize(2);
        assertThat(creds.get("publicKeys").get(0).get("publicKeyPem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(call("POST", "/admin-api/merchant/merchants/M300/keys",
                Map.of("publicKeyPem", newPublicKeyPem(2048), "graceSeconds", 0, "reason", "compromised key"), "MERCHANT_MANAGER")
                .data().get("keys")).hasSize(1);
        assertThat(call("GET", "/rpc-api/merchant/merchants/NOPE/credentials", null, null).code()).isEqualTo(20001);
    }

    @Test
    void aNameOrReasonWithControlOrBidiCharactersIsRefusedWith10050AndNothingIsStored() throws Exception {
        Map<String, Object> rtl = merchant("M300", newPublicKeyPem(2048));
        rtl.put("name", "Shop \u202Egnp.exe");
        Map<String, Object> ansi = merchant("M300", newPublicKeyPem(2048));
        ansi.put("reason", "ok\u001b[1A\u001b[2Kapproved by CEO\u0000");
        for (Map<String, Object> body : List.of(rtl, ansi)) {
            Reply refused = call("POST", "/admin-api/merchant/merchants", body, "MERCHANT_MANAGER");
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo(10050);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM merchant WHERE merchant_no = 'M300'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM op_log WHERE operation = 'merchant.create' AND reason LIKE 'ok%'", Integer.class)).isZero();
    }

    /** A merchant number is an exact key: the database compares it byte for byte, so another case is another merchant. */
    @Test
    void aMerchantNumberInAnotherCaseIsUnknown() throws Exception {
        Reply created = call("POST", "/admin-api/merchant/merchants", merchant("Mx400", newPublicKeyPem(2048)), "MERCHANT_MANAGER");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(call("GET", "/rpc-api/merchant/merchants/Mx400/credentials", null, null).data().get("active").asBoolean()).isTrue();
        for (String other : List.of("mx400", "MX400", "mX400")) {
            // what the gateway reads to check a merchant's signature and whitelist
            Reply credentials = call("GET", "/rpc-api/merchant/merchants/" + other + "/credentials", null, null);
            assertThat(credentials.status()).as(other + " " + credentials.body()).isEqualTo(404);
            assertThat(credentials.code()).isEqualTo(20001);
            assertThat(credentials.body().toString()).doesNotContain("publicKeyPem");
            assertThat(call("GET", "/admin-api/merchant/merchants/" + other, null, "SUPPORT").code()).as(other).isEqualTo(20001);
            assertThat(call("POST", "/admin-api/merchant/merchants/" + other + "/suspend", Map.of("reason", "wrong case"), "MERCHANT_MANAGER")
                    .code()).as(other).isEqualTo(20001);
        }
        assertThat(jdbc.queryForObject("SELECT status FROM merchant WHERE merchant_no = 'Mx400'", String.class)).isEqualTo("ACTIVE");
    }

    @Test
    void aMerchantNumberDifferingOnlyInCaseFromAnExistingOneIsTaken() throws Exception {
        assertThat(call("POST", "/admin-api/merchant/merchants", merchant("Mx500", newPublicKeyPem(2048)), "MERCHANT_MANAGER").status())
                .isEqualTo(200);
        Reply second = call("POST", "/admin-api/merchant/merchants", merchant("mX500", newPublicKeyPem(2048)), "MERCHANT_MANAGER");
        assertThat(second.status()).as(second.body().toString()).isEqualTo(409);
        assertThat(second.code()).isEqualTo(20002);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM merchant WHERE LOWER(merchant_no) = 'mx500'", Integer.class)).isEqualTo(1);
    }
}
