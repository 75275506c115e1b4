package io.apay.user.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MutableClock;
import io.apay.user.api.AdminSessions;
import io.apay.user.api.LoginTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** Operators in user-svc, called as the gateway would (operator id and roles as identity headers). */
@ApayIntegrationTest
@Import(UserTestSupport.Clocks.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorIT extends UserTestSupport {

    @Autowired MutableClock clock;
    @Autowired JdbcTemplate jdbc;
    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;

    String code(String secret, long stepOffset) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, clock.millis() / 30_000 + stepOffset);
    }

    /** Activates a just-created operator: binds TOTP and sets a password; returns the TOTP secret. */
    String activate(String username, String activationCode, String password) throws Exception {
        Reply totp = post("/admin-api/user/auth/activation/totp", json("username", username, "activationCode", activationCode), null);
        assertThat(totp.status()).as(totp.body().toString()).isEqualTo(200);
        String secret = totp.data().get("secret").asText();
        Reply done = post("/admin-api/user/auth/activate", json("username", username, "activationCode", activationCode,
                "password", password, "totpCode", code(secret, 0)), null);
        assertThat(done.status()).as(done.body().toString()).isEqualTo(200);
        return secret;
    }

    @Test
    @Order(1)
    void theFirstSuperAdminIsBootstrappedOnceActivatedWithTotpAndLogsIn() throws Exception {
        Reply boot = post("/rpc-api/user/operators/bootstrap", json("username", "root", "displayName", "Platform owner"), null);
        assertThat(boot.status()).isEqualTo(200);
        String activation = boot.data().get("activationCode").asText();
        assertThat(post("/rpc-api/user/operators/bootstrap", json("username", "root2", "displayName", "x"), null).code()).isEqualTo(12054);

        // not activated yet: no password, no TOTP, no login
        Reply early = post("/admin-api/user/auth/login", json("username", "root", "password", "whatever-long-1", "totpCode", "123456"), null);
        assertThat(early.status()).isEqualTo(403);
        assertThat(early.code()).isEqualTo(12052);
        assertThat(post("/admin-api/user/auth/activation/totp", json("username", "root", "activationCode", "wrong"), null).code())
                .isEqualTo(12053);

        String secret = activate("root", activation, "root-password-long-1");
        // the activation code is spent
        assertThat(post("/admin-api/user/auth/activation/totp", json("username", "root", "activationCode", activation), null).code())
                .isEqualTo(12053);

        // password alone is never enough
        Reply noCode = post("/admin-api/user/auth/login", json("username", "root", "password", "root-password-long-1"), null);
        assertThat(noCode.status()).isEqualTo(400);
        assertThat(noCode.data().get("errors").findValuesAsText("field")).containsExactly("totpCode");
        clock.advance(Duration.ofSeconds(30));
        Reply login = post("/admin-api/user/auth/login", json("username", "root", "password", "root-password-long-1",
                "totpCode", code(secret, 0)), null);
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        assertThat(login.data().get("roles").get(0).asText()).isEqualTo("SUPER_ADMIN");
        assertThat(login.data().get("idleTimeoutSeconds").asLong()).isEqualTo(1800);
        String tokenId = LoginTokens.hash(login.data().get("token").asText());
        Map<String, String> session = redisson.<String, String>getMap(keys.key(AdminSessions.DOMAIN, tokenId), StringCodec.INSTANCE).readAllMap();
        assertThat(session).containsEntry("roles", "SUPER_ADMIN").containsKey("issuedAt");
        assertThat(redisson.getBucket(keys.key(AdminSessions.DOMAIN, tokenId)).remainTimeToLive())
                .isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(30).toMillis());
        String stored = jdbc.queryForObject("SELECT totp_secret_enc FROM operator WHERE username = 'root'", String.class);
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
    }

    @Test
    @Order(2)
    void superAdminCreatesOperatorsWithAReasonAndEveryWriteIsLogged() throws Exception {
        long rootId = jdbc.queryForObject("SELECT id FROM operator WHERE username = 'root'", Long.class);
        Operator root = new Operator(rootId, "SUPER_ADMIN");
        Reply noReason = asOperator("POST", "/admin-api/user/operators",
                json("username", "sam", "displayName", "Sam Support", "roles", List.of("SUPPORT")), root);
        assertThat(noReason.code()).isEqualTo(10001);

        Reply created = asOperator("POST", "/admin-api/user/operators",
                json("username", "sam", "displayName", "Sam Support", "roles", List.of("SUPPORT"), "reason", "new support hire"), root);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        Map<String, Object> log = jdbc.queryForMap("SELECT * FROM op_log WHERE operation = 'operator.create' AND outcome = 'SUCCESS'");
        assertThat(log.get("actor_type")).isEqualTo("operator");
        assertThat(log.get("actor_id")).isEqualTo(Long.toString(rootId));
        assertThat(log.get("reason")).isEqualTo("new support hire");
        assertThat((String) log.get("after_state")).contains("\"username\":\"sam\"").contains("SUPPORT");
        assertThat((String) log.get("args")).doesNotContain(created.data().get("activationCode").asText());

        Operator sam = new Operator(created.data().get("operatorId").asLong(), "SUPPORT");
        Reply forbidden = asOperator("POST", "/admin-api/user/operators",
                json("username", "eve", "displayName", "Eve", "roles", List.of("SUPER_ADMIN"), "reason", "promote myself"), sam);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo(10011);
        assertThat(asOperator("GET", "/admin-api/user/users", null, sam).status()).isEqualTo(200); // support reads
        assertThat(asOperator("GET", "/admin-api/user/operators", null, null).status()).isEqualTo(401);

        Reply logs = asOperator("GET", "/admin-api/user/op-logs?operation=operator.create", null, root);
        assertThat(logs.data().get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(logs.data().get("list").get(0).get("reason").asText()).isNotBlank();
    }

    @Test
    @Order(3)
    void operatorsAreLockedOutAfterFiveFailuresAndDisablingEndsTheirSessions() throws Exception {
        long rootId = jdbc.queryForObject("SELECT id FROM operator WHERE username = 'root'", Long.class);
        Operator root = new Operator(rootId, "SUPER_ADMIN");
        Reply created = asOperator("POST", "/admin-api/user/operators",
                json("username", "fin", "displayName", "Fin", "roles", List.of("FINANCE"), "reason", "finance team"), root);
        String secret = activate("fin", created.data().get("activationCode").asText(), "fin-password-long-1");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(30));
            assertThat(post("/admin-api/user/auth/login", json("username", "fin", "password", "wrong-password-long",
                    "totpCode", code(secret, 0)), null).code()).isEqualTo(12050);
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(post("/admin-api/user/auth/login", json("username", "fin", "password", "wrong-password-long",
                "totpCode", code(secret, 0)), null).code()).isEqualTo(12051);
        clock.advance(Duration.ofMinutes(31));
        Reply ok = post("/admin-api/user/auth/login", json("username", "fin", "password", "fin-password-long-1",
                "totpCode", code(secret, 0)), null);
        assertThat(ok.status()).isEqualTo(200);
        String tokenId = LoginTokens.hash(ok.data().get("token").asText());

        Reply disabled = asOperator("POST", "/admin-api/user/operators/" + created.data().get("operatorId").asLong() + "/disable",
                json("reason", "left the company"), root);
        assertThat(disabled.data().get("status").asText()).isEqualTo("DISABLED");
        assertThat(redisson.getBucket(keys.key(AdminSessions.DOMAIN, tokenId)).isExists()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(post("/admin-api/user/auth/login", json("username", "fin", "password", "fin-password-long-1",
                "totpCode", code(secret, 0)), null).code()).isEqualTo(12052);
    }

    @Test
    @Order(4)
    void usersAreFrozenUnfrozenAndHaveTheirTwoFactorReset() throws Exception {
        Operator risk = new Operator(900, "RISK");
        Session user = register("+8613400000001", "goodPass123", "d1");
        Reply frozen = asOperator("POST", "/admin-api/user/users/" + user.userId() + "/freeze", json("reason", "chargeback fraud case 17"), risk);
        assertThat(frozen.data().get("status").asText()).isEqualTo("FROZEN");
        assertThat(redisson.getBucket(keys.key(LoginTokens.TOKEN_DOMAIN, user.tokenId())).isExists()).isFalse();
        assertThat(post("/app-api/user/auth/login/password", json("phone", "+8613400000001", "password", "goodPass123",
                "deviceId", "d1"), null).code()).isEqualTo(12004);
        assertThat(asOperator("POST", "/admin-api/user/users/" + user.userId() + "/freeze", json("reason", "again"), risk).code())
                .isEqualTo(12057);
        assertThat(asOperator("POST", "/admin-api/user/users/" + user.userId() + "/unfreeze", json("reason", "case closed"), risk)
                .data().get("status").asText()).isEqualTo("ACTIVE");

        Reply login = post("/app-api/user/auth/login/password", json("phone", "+8613400000001", "password", "goodPass123", "deviceId", "d1"), null);
        Session s = new Session(user.userId(), login.data().get("token").asText());
        String secret = post("/app-api/user/totp/bind", null, s).data().get("secret").asText();
        post("/app-api/user/totp/confirm", json("code", new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, clock.millis() / 30_000)), s);
        Reply reset = asOperator("POST", "/admin-api/user/users/" + user.userId() + "/reset-two-factor",
                json("reason", "lost phone; identity checked by video call, ticket 99"), risk);
        assertThat(reset.data().get("totpEnabled").asBoolean()).isFalse();
        Map<String, Object> log = jdbc.queryForMap("SELECT * FROM op_log WHERE operation = 'user.admin.reset-two-factor'");
        assertThat((String) log.get("before_state")).contains("\"totpEnabled\":true");
        assertThat((String) log.get("after_state")).contains("\"totpEnabled\":false");
        assertThat(log.get("actor_id")).isEqualTo("900");

        Operator support = new Operator(901, "SUPPORT");
        assertThat(asOperator("POST", "/admin-api/user/users/" + user.userId() + "/freeze", json("reason", "x"), support).status())
                .isEqualTo(403);
    }

    @Test
    @Order(5)
    void appClientsAreRotatedWithAGracePeriod() throws Exception {
        Operator root = new Operator(1, "SUPER_ADMIN");
        Reply created = asOperator("POST", "/admin-api/user/app-clients", json("keyId", "ios-2", "name", "iOS", "reason", "new app"), root);
        String oldSecret = created.data().get("secret").asText();
        Reply rotated = asOperator("POST", "/admin-api/user/app-clients/ios-2/rotate", json("graceSeconds", 3600, "reason", "yearly rotation"), root);
        String newSecret = rotated.data().get("secret").asText();
        assertThat(newSecret).isNotEqualTo(oldSecret);
        JsonNode creds = get("/rpc-api/user/app-clients/ios-2", null).data();
        assertThat(creds.get("secrets")).hasSize(2);
        // one secret with an end (the old one, in its grace period), one without (the new one)
        assertThat(creds.get("secrets").findValues("validUntil")).hasSize(1);
        clock.advance(Duration.ofMinutes(61));
        assertThat(get("/rpc-api/user/app-clients/ios-2", null).data().get("secrets")).hasSize(1);
    }

    @Test
    @Order(6)
    void anOperatorsWrongTwoFactorCodesAreFailedLoginsSoGuessingThemLocksTheOperator() throws Exception {
        // an operator's code is only taken at login, after the password: each wrong one counts to the operator lockout
        Operator root = new Operator(jdbc.queryForObject("SELECT id FROM operator WHERE username = 'root'", Long.class), "SUPER_ADMIN");
        Reply created = asOperator("POST", "/admin-api/user/operators",
                json("username", "risk1", "displayName", "Risk", "roles", List.of("RISK"), "reason", "risk team"), root);
        String secret = activate("risk1", created.data().get("activationCode").asText(), "risk-password-long-1");
        clock.advance(Duration.ofSeconds(90));
        String wrong = "000000";
        for (int i = 1; wrong.equals(code(secret, -1)) || wrong.equals(code(secret, 0)) || wrong.equals(code(secret, 1)); i++) {
            wrong = String.format("%06d", i);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(post("/admin-api/user/auth/login", json("username", "risk1", "password", "risk-password-long-1",
                    "totpCode", wrong), null).code()).isEqualTo(12050);
        }
        assertThat(post("/admin-api/user/auth/login", json("username", "risk1", "password", "risk-password-long-1",
                "totpCode", wrong), null).code()).isEqualTo(12051);
        assertThat(post("/admin-api/user/auth/login", json("username", "risk1", "password", "risk-password-long-1",
                "totpCode", code(secret, 0)), null).code()).isEqualTo(12051);
        clock.advance(Duration.ofMinutes(31));
        assertThat(post("/admin-api/user/auth/login", json("username", "risk1", "password", "risk-password-long-1",
                "totpCode", code(secret, 0)), null).status()).isEqualTo(200);
    }
}
