package io.apay.user.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.test.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.redisson.api.RedissonClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@ApayIntegrationTest
@Import(UserTestSupport.Clocks.class)
class TotpIT extends UserTestSupport {

    @Autowired MutableClock clock;
    @Autowired JdbcTemplate jdbc;
    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;

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

    /** A user with two-factor on, the clock moved past the confirming code's step. Returns the seed. */
    String twoFactorOn(Session s) throws Exception {
        String secret = post("/app-api/user/totp/bind", null, s).data().get("secret").asText();
        assertThat(post("/app-api/user/totp/confirm", json("code", now(secret)), s).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(90));
        return secret;
    }

    /** A code that is none of the three accepted now (the step before, this one, the next). */
    String wrongCode(String secret) throws Exception {
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", i);
            if (!candidate.equals(now(secret)) && !candidate.equals(codeAt(secret, clock.millis() - 30_000))
                    && !candidate.equals(codeAt(secret, clock.millis() + 30_000))) {
                return candidate;
            }
        }
    }

    @Test
    void fiveWrongCodesLockTwoFactorSoEvenARightCodeIsRefusedUntilTheLockEnds() throws Exception {
        Session s = register("+8613600000004", "goodPass123", "d");
        String secret = twoFactorOn(s);
        for (int i = 0; i < 4; i++) {
            Reply wrong = post("/app-api/user/totp/verify", json("code", wrongCode(secret)), s);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.code()).isEqualTo(12011);
        }
        Reply fifth = post("/app-api/user/totp/verify", json("code", wrongCode(secret)), s);
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.code()).isEqualTo(12015);
        assertThat(fifth.body().path("message").asText()).contains("try again in 900 s");

        // locked: the right code is refused on every path that takes one, and nothing is used up
        clock.advance(Duration.ofMinutes(5));
        String right = now(secret);
        Reply refused = post("/app-api/user/totp/verify", json("code", right), s);
        assertThat(refused.status()).isEqualTo(423);
        assertThat(refused.code()).isEqualTo(12015);
        assertThat(refused.body().path("message").asText()).contains("try again in 600 s");
        assertThat(post("/app-api/user/totp/unbind", json("code", right), s).code()).isEqualTo(12015);
        assertThat(post("/app-api/user/auth/login/password",
                json("phone", "+8613600000004", "password", "goodPass123", "totpCode", right, "deviceId", "d2"), null).code())
                .isEqualTo(12015);
        assertThat(get("/app-api/user/profile", s).data().get("totpEnabled").asBoolean()).isTrue();
        // the counter lives in Redis with an expiry, so nothing is left behind
        long ttl = redisson.getKeys().remainTimeToLive(keys.key("totp-failures", "user", s.userId()));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15).toMillis());

        // the lock ends 15 minutes after the fifth wrong code; then the right code works (once)
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(post("/app-api/user/totp/verify", json("code", now(secret)), s).code()).isEqualTo(12015);
        clock.advance(Duration.ofSeconds(31));
        String afterLock = now(secret);
        assertThat(post("/app-api/user/totp/verify", json("code", afterLock), s).status()).isEqualTo(200);
        assertThat(post("/app-api/user/totp/verify", json("code", afterLock), s).code()).isEqualTo(12011);
    }

    @Test
    void aRightCodeResetsTheCountOfWrongOnes() throws Exception {
        Session s = register("+8613600000005", "goodPass123", "d");
        String secret = twoFactorOn(s);
        for (int i = 0; i < 4; i++) {
            assertThat(post("/app-api/user/totp/verify", json("code", wrongCode(secret)), s).code()).isEqualTo(12011);
        }
        assertThat(post("/app-api/user/totp/verify", json("code", now(secret)), s).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(post("/app-api/user/totp/verify", json("code", wrongCode(secret)), s).code()).isEqualTo(12011);
        }
        assertThat(post("/app-api/user/totp/verify", json("code", wrongCode(secret)), s).code()).isEqualTo(12015);
    }

    @Test
    void wrongCodesCountWithinAFifteenMinuteWindow() throws Exception {
        Session s = register("+8613600000006", "goodPass123", "d");
        String secret = twoFactorOn(s);
        for (int i = 0; i < 4; i++) {
            assertThat(post("/app-api/user/totp/verify", json("code", wrongCode(secret)), s).code()).isEqualTo(12011);
        }
        clock.advance(Duration.ofMinutes(15));
        // the window of the first four has ended: these start a new count
        for (int i = 0; i < 4; i++) {
            assertThat(post("/app-api/user/totp/verify", json("code", wrongCode(secret)), s).code()).isEqualTo(12011);
        }
        assertThat(post("/app-api/user/totp/verify", json("code", now(secret)), s).status()).isEqualTo(200);
    }

    @Test
    void wrongCodesAtLoginCountTooAndALockedSecondFactorIsSaidAtLogin() throws Exception {
        Session s = register("+8613600000007", "goodPass123", "d");
        String secret = twoFactorOn(s);
        for (int i = 0; i < 4; i++) {
            assertThat(post("/app-api/user/totp/verify", json("code", wrongCode(secret)), s).code()).isEqualTo(12011);
        }
        // the fifth wrong code comes through a login: two-factor is locked, the account (one failed login) is not
        assertThat(post("/app-api/user/auth/login/password",
                json("phone", "+8613600000007", "password", "goodPass123", "totpCode", wrongCode(secret), "deviceId", "d2"), null).code())
                .isEqualTo(12015);
        assertThat(post("/app-api/user/totp/verify", json("code", now(secret)), s).code()).isEqualTo(12015);
    }

    @Test
    void aNewlyConfirmedSeedStartsWithoutTheOldCount() throws Exception {
        Session s = register("+8613600000008", "goodPass123", "d");
        String secret = twoFactorOn(s);
        for (int i = 0; i < 5; i++) {
            post("/app-api/user/totp/verify", json("code", wrongCode(secret)), s);
        }
        assertThat(post("/app-api/user/totp/verify", json("code", now(secret)), s).code()).isEqualTo(12015);
        // two-factor turned off for the user (as an operator's reset does); the user binds a new authenticator
        jdbc.update("UPDATE app_user SET totp_enabled = 0, totp_secret_enc = NULL WHERE id = ?", s.userId());
        String fresh = twoFactorOn(s);
        assertThat(post("/app-api/user/totp/verify", json("code", now(fresh)), s).status()).isEqualTo(200);
    }

    @Test
    void parallelGuessesCannotSlipPastTheLimit() throws Exception {
        Session s = register("+8613600000009", "goodPass123", "d");
        String secret = twoFactorOn(s);
        String wrong = wrongCode(secret);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                replies.add(pool.submit(() -> post("/app-api/user/totp/verify", json("code", wrong), s).code()));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> r : replies) {
                codes.add(r.get());
            }
            // each guess is counted before it is checked: four are told "wrong", the fifth and the rest "locked"
            assertThat(codes).filteredOn(c -> c == 12011).hasSize(4);
            assertThat(codes).filteredOn(c -> c == 12015).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
    }
}
