package io.apay.user.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.redis.RedisKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MutableClock;
import io.apay.user.api.LoginTokens;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@ApayIntegrationTest
@Import(UserTestSupport.Clocks.class)
class AuthIT extends UserTestSupport {

    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;
    @Autowired JdbcTemplate jdbc;
    @Autowired MutableClock clock;

    Map<String, String> tokenRecord(Session s) {
        return redisson.<String, String>getMap(keys.key(LoginTokens.TOKEN_DOMAIN, s.tokenId()), StringCodec.INSTANCE).readAllMap();
    }

    @Test
    void registerIssuesASevenDayTokenKeptOnlyAsAHash() throws Exception {
        Session s = register("+8613700000001", "goodPass123", "phone-1");
        assertThat(s.token()).hasSizeGreaterThanOrEqualTo(43); // 256 random bits, base64url
        Map<String, String> record = tokenRecord(s);
        assertThat(record).containsEntry("userId", Long.toString(s.userId())).containsEntry("deviceId", "phone-1")
                .containsEntry("deviceName", "Pixel 8");
        long ttl = redisson.getBucket(keys.key(LoginTokens.TOKEN_DOMAIN, s.tokenId())).remainTimeToLive();
        assertThat(ttl).isBetween(Duration.ofDays(7).minusMinutes(1).toMillis(), Duration.ofDays(7).toMillis());
        assertThat(redisson.getKeys().getKeysStream().toList()).noneMatch(k -> k.contains(s.token()));

        String hash = jdbc.queryForObject("SELECT password_hash FROM app_user WHERE id = ?", String.class, s.userId());
        assertThat(hash).startsWith("$2a$10$").doesNotContain("goodPass123");
        String args = jdbc.queryForObject("SELECT args FROM op_log WHERE operation = 'user.register' ORDER BY id DESC LIMIT 1", String.class);
        assertThat(args).contains("+8613700000001").doesNotContain("goodPass123").doesNotContain("123456");
    }

    @Test
    void registrationIsRefusedForATakenPhoneAWeakPasswordOrAWrongCode() throws Exception {
        register("+8613700000002", "goodPass123", "d");
        SMS_CODES.put("+8613700000002|REGISTER", "123456");
        Reply taken = post("/app-api/user/auth/register",
                json("phone", "137 0000 0002", "smsCode", "123456", "password", "goodPass123", "deviceId", "d"), null);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo(12001);

        SMS_CODES.put("+8613700000003|REGISTER", "123456");
        Reply weak = post("/app-api/user/auth/register",
                json("phone", "+8613700000003", "smsCode", "123456", "password", "password", "deviceId", "d"), null);
        assertThat(weak.code()).isEqualTo(12006);

        Reply wrongCode = post("/app-api/user/auth/register",
                json("phone", "+8613700000003", "smsCode", "654321", "password", "goodPass123", "deviceId", "d"), null);
        assertThat(wrongCode.status()).isEqualTo(400);
        assertThat(wrongCode.code()).isEqualTo(13004); // sms-svc's own code comes back unchanged
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE phone = '+8613700000003'", Integer.class)).isZero();

        Reply invalid = post("/app-api/user/auth/register", json("phone", "+8613700000003", "smsCode", "12"), null);
        assertThat(invalid.code()).isEqualTo(10001);
        assertThat(invalid.data().get("errors").findValuesAsText("field")).contains("smsCode", "password", "deviceId");
    }

    @Test
    void loginByPasswordAndLockoutAfterFiveFailures() throws Exception {
        register("+8613700000004", "goodPass123", "d1");
        Reply ok = post("/app-api/user/auth/login/password",
                json("phone", "+8613700000004", "password", "goodPass123", "deviceId", "d2"), null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.data().get("token").asText()).isNotBlank();

        for (int i = 1; i <= 4; i++) {
            Reply wrong = post("/app-api/user/auth/login/password",
                    json("phone", "+8613700000004", "password", "wrongPass" + i, "deviceId", "d2"), null);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.code()).isEqualTo(12002);
        }
        Reply fifth = post("/app-api/user/auth/login/password",
                json("phone", "+8613700000004", "password", "wrongPass5", "deviceId", "d2"), null);
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.code()).isEqualTo(12003);
        Reply rightButLocked = post("/app-api/user/auth/login/password",
                json("phone", "+8613700000004", "password", "goodPass123", "deviceId", "d2"), null);
        assertThat(rightButLocked.code()).isEqualTo(12003);

        clock.advance(Duration.ofMinutes(16));
        assertThat(post("/app-api/user/auth/login/password",
                json("phone", "+8613700000004", "password", "goodPass123", "deviceId", "d2"), null).status()).isEqualTo(200);

        Reply unknown = post("/app-api/user/auth/login/password",
                json("phone", "+8613799999999", "password", "goodPass123", "deviceId", "d2"), null);
        assertThat(unknown.code()).isEqualTo(12002); // same answer as a wrong password
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM op_log WHERE operation = 'user.login.password' AND outcome = 'FAILURE'",
                Integer.class)).isGreaterThanOrEqualTo(6);
    }

    @Test
    void loginBySmsCode() throws Exception {
        register("+8613700000005", "goodPass123", "d1");
        SMS_CODES.put("+8613700000005|LOGIN", "777777");
        Reply ok = post("/app-api/user/auth/login/sms", json("phone", "+8613700000005", "smsCode", "777777", "deviceId", "d3"), null);
        assertThat(ok.status()).isEqualTo(200);
        Reply again = post("/app-api/user/auth/login/sms", json("phone", "+8613700000005", "smsCode", "777777", "deviceId", "d3"), null);
        assertThat(again.code()).isEqualTo(13004); // a code is single use
    }

    @Test
    void devicesLogoutAndLogoutEverywhere() throws Exception {
        Session phone = register("+8613700000006", "goodPass123", "phone");
        Reply tabletLogin = post("/app-api/user/auth/login/password",
                json("phone", "+8613700000006", "password", "goodPass123", "deviceId", "tablet", "deviceName", "iPad"), null);
        Session tablet = new Session(phone.userId(), tabletLogin.data().get("token").asText());
        Reply laptopLogin = post("/app-api/user/auth/login/password",
                json("phone", "+8613700000006", "password", "goodPass123", "deviceId", "laptop"), null);
        Session laptop = new Session(phone.userId(), laptopLogin.data().get("token").asText());

        Reply devices = get("/app-api/user/auth/devices", tablet);
        assertThat(devices.data().findValuesAsText("deviceId")).containsExactlyInAnyOrder("phone", "tablet", "laptop");
        assertThat(devices.data().findValues("current").stream().filter(v -> v.asBoolean()).count()).isEqualTo(1);

        // logging in again on the same device ends that device's previous session
        Reply tabletAgain = post("/app-api/user/auth/login/password",
                json("phone", "+8613700000006", "password", "goodPass123", "deviceId", "tablet"), null);
        assertThat(tokenRecord(tablet)).isEmpty();
        Session tablet2 = new Session(phone.userId(), tabletAgain.data().get("token").asText());

        assertThat(post("/app-api/user/auth/logout", null, laptop).status()).isEqualTo(200);
        assertThat(tokenRecord(laptop)).isEmpty();
        assertThat(get("/app-api/user/auth/devices", phone).data().findValuesAsText("deviceId")).containsExactlyInAnyOrder("phone", "tablet");

        Reply all = post("/app-api/user/auth/logout-all", null, phone);
        assertThat(all.data().asInt()).isEqualTo(2);
        assertThat(tokenRecord(phone)).isEmpty();
        assertThat(tokenRecord(tablet2)).isEmpty();
    }

    @Test
    void profileNeedsTheGatewaysIdentityAndIsValidated() throws Exception {
        Session s = register("+8613700000007", "goodPass123", "d");
        assertThat(get("/app-api/user/profile", null).status()).isEqualTo(401);
        Reply updated = call("PUT", "/app-api/user/profile", json("nickname", "  Amy "), s);
        assertThat(updated.data().get("nickname").asText()).isEqualTo("Amy");
        Reply profile = get("/app-api/user/profile", s);
        assertThat(profile.data().get("phone").asText()).isEqualTo("+8613700000007");
        assertThat(profile.data().get("totpEnabled").asBoolean()).isFalse();
        Reply tooLong = call("PUT", "/app-api/user/profile", json("nickname", "x".repeat(33)), s);
        assertThat(tooLong.code()).isEqualTo(10001);
    }

    @Test
    void aNicknameWithControlOrBidiCharactersIsRefusedWith10050AndNotStored() throws Exception {
        Session s = register("+8613700000008", "goodPass123", "d");
        assertThat(call("PUT", "/app-api/user/profile", json("nickname", "Amy"), s).status()).isEqualTo(200);
        for (String nickname : List.of("Amy\u0000admin", "\u001b[2J\u001b[31mAmy", "Amy\u202Egnp.exe", "Amy\u2066x\u2069", "Amy\nSupport")) {
            Reply refused = call("PUT", "/app-api/user/profile", json("nickname", nickname), s);
            assertThat(refused.status()).as(nickname).isEqualTo(400);
            assertThat(refused.code()).as(nickname).isEqualTo(10050);
            assertThat(refused.body().at("/data/errors/0/field").asText()).isEqualTo("nickname");
        }
        assertThat(get("/app-api/user/profile", s).data().get("nickname").asText()).isEqualTo("Amy");
    }
}
