package io.apay.user.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MutableClock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@ApayIntegrationTest
@Import(UserTestSupport.Clocks.class)
class TotpIT extends UserTestSupport {

    @Autowired MutableClock clock;
    @Autowired JdbcTemplate jdbc;

    String codeAt(String secret, long epochMillis) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, epochMillis / 1000 / 30);
    }

    String now(String secret) throws Exception {
        return codeAt(secret, clock.millis());
    }

    @Test
    void bindConfirmLoginWithSecondFactorAndUnbind() throws Exception {
        Session s = register("+8613600000001", "goodPass123", "d");
        Reply bind = post("/app-api/user/totp/bind", null, s);
        assertThat(bind.status()).isEqualTo(200);
        String secret = bind.data().get("secret").asText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(bind.data().get("otpauthUri").asText())
                .startsWith("otpauth://totp/%2B8613600000001?").contains("secret=" + secret).contains("issuer=apay");
        byte[] png = Base64.getDecoder().decode(bind.data().get("qrPngBase64").asText());
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        // the seed at rest is encrypted
        String stored = jdbc.queryForObject("SELECT totp_pending_secret_enc FROM app_user WHERE id = ?", String.class, s.userId());
        assertThat(stored).startsWith("v1:").doesNotContain(secret);

        assertThat(post("/app-api/user/totp/confirm", json("code", "000000".equals(now(secret)) ? "111111" : "000000"), s).code())
                .isEqualTo(12011);
        assertThat(post("/app-api/user/totp/confirm", json("code", now(secret)), s).status()).isEqualTo(200);
        assertThat(get("/app-api/user/profile", s).data().get("totpEnabled").asBoolean()).isTrue();

        // the code that confirmed cannot be used again, not even for login
        Reply replay = post("/app-api/user/auth/login/password",
                json("phone", "+8613600000001", "password", "goodPass123", "totpCode", now(secret), "deviceId", "d2"), null);
        assertThat(replay.code()).isEqualTo(12011);
        Reply missing = post("/app-api/user/auth/login/password",
                json("phone", "+8613600000001", "password", "goodPass123", "deviceId", "d2"), null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.code()).isEqualTo(12010);

        clock.advance(Duration.ofSeconds(30));
        Reply login = post("/app-api/user/auth/login/password",
                json("phone", "+8613600000001", "password", "goodPass123", "totpCode", now(secret), "deviceId", "d2"), null);
        assertThat(login.status()).isEqualTo(200);

        // verify: a new step's code works once
        clock.advance(Duration.ofSeconds(30));
        String code = now(secret);
        assertThat(post("/app-api/user/totp/verify", json("code", code), s).status()).isEqualTo(200);
        assertThat(post("/app-api/user/totp/verify", json("code", code), s).code()).isEqualTo(12011);

        // a code from the step before is still accepted (clock drift), but never an older step than one used
        clock.advance(Duration.ofSeconds(30));
        assertThat(post("/app-api/user/totp/verify", json("code", codeAt(secret, clock.millis() - 30_000)), s).code()).isEqualTo(12011);
        assertThat(post("/app-api/user/totp/verify", json("code", codeAt(secret, clock.millis() + 30_000)), s).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(60));
        assertThat(post("/app-api/user/totp/unbind", json("code", now(secret)), s).status()).isEqualTo(200);
        assertThat(get("/app-api/user/profile", s).data().get("totpEnabled").asBoolean()).isFalse();
        assertThat(post("/app-api/user/totp/verify", json("code", now(secret)), s).code()).isEqualTo(12013);
        assertThat(jdbc.queryForList("SELECT operation FROM op_log WHERE actor_id = ?", String.class, Long.toString(s.userId())))
                .contains("user.totp.bind", "user.totp.confirm", "user.totp.unbind");
    }

    @Test
    void confirmWithoutBindingAndBindingTwiceAreRefused() throws Exception {
        Session s = register("+8613600000002", "goodPass123", "d");
        assertThat(post("/app-api/user/totp/confirm", json("code", "123456"), s).code()).isEqualTo(12014);
        String secret = post("/app-api/user/totp/bind", null, s).data().get("secret").asText();
        post("/app-api/user/totp/confirm", json("code", now(secret)), s);
        assertThat(post("/app-api/user/totp/bind", null, s).code()).isEqualTo(12012);
        assertThat(post("/app-api/user/totp/verify", json("code", "12ab56"), s).code()).isEqualTo(10001);
    }

    @Test
    void wrongSecondFactorCodesCountTowardsTheLockout() throws Exception {
        Session s = register("+8613600000003", "goodPass123", "d");
        String secret = post("/app-api/user/totp/bind", null, s).data().get("secret").asText();
        post("/app-api/user/totp/confirm", json("code", now(secret)), s);
        clock.advance(Duration.ofSeconds(90));
        String wrong = "000000".equals(now(secret)) ? "111111" : "000000";
        int lastCode = 0;
        for (int i = 0; i < 5; i++) {
            lastCode = post("/app-api/user/auth/login/password",
                    json("phone", "+8613600000003", "password", "goodPass123", "totpCode", wrong, "deviceId", "d"), null).code();
        }
        assertThat(lastCode).isEqualTo(12003);
    }
}
