package io.apay.user.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** The two-factor check and contact details other services (wallet-svc) ask user-svc for. */
@ApayIntegrationTest
@Import(UserTestSupport.Clocks.class)
class UserSecurityRpcIT extends UserTestSupport {

    @Autowired MutableClock clock;

    String now(String secret) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, clock.millis() / 1000 / 30);
    }

    @Test
    void anotherServiceChecksACodeOnceAndReadsThePhone() throws Exception {
        Session s = register("+8613600000071", "goodPass123", "d");
        Reply contact = get("/rpc-api/user/users/" + s.userId() + "/contact", null);
        assertThat(contact.status()).isEqualTo(200);
        assertThat(contact.data().get("phone").asText()).isEqualTo("+8613600000071");
        assertThat(contact.data().get("totpEnabled").asBoolean()).isFalse();
        assertThat(contact.data().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(get("/rpc-api/user/users/by-phone?phone=13600000071", null).data().get("userId").asLong()).isEqualTo(s.userId());
        assertThat(get("/rpc-api/user/users/by-phone?phone=%2B8613600000079", null).code()).isEqualTo(12005);
        assertThat(get("/rpc-api/user/users/999999999/contact", null).code()).isEqualTo(12005);

        // two-factor off: the check says so
        assertThat(post("/rpc-api/user/users/" + s.userId() + "/totp/verify", json("code", "123456"), null).code()).isEqualTo(12013);

        String secret = post("/app-api/user/totp/bind", null, s).data().get("secret").asText();
        assertThat(post("/app-api/user/totp/confirm", json("code", now(secret)), s).status()).isEqualTo(200);
        assertThat(get("/rpc-api/user/users/" + s.userId() + "/contact", null).data().get("totpEnabled").asBoolean()).isTrue();

        clock.advance(Duration.ofSeconds(30));
        String code = now(secret);
        String wrong = "000000".equals(code) ? "111111" : "000000";
        // a wrong code is an answer (200, false), never a 401 between services
        Reply wrongReply = post("/rpc-api/user/users/" + s.userId() + "/totp/verify", json("code", wrong), null);
        assertThat(wrongReply.status()).isEqualTo(200);
        assertThat(wrongReply.data().asBoolean()).isFalse();
        assertThat(post("/rpc-api/user/users/" + s.userId() + "/totp/verify", json("code", code), null).data().asBoolean()).isTrue();
        // single use
        assertThat(post("/rpc-api/user/users/" + s.userId() + "/totp/verify", json("code", code), null).data().asBoolean()).isFalse();
        assertThat(post("/rpc-api/user/users/" + s.userId() + "/totp/verify", json("code", "12345"), null).code()).isEqualTo(10001);
    }

    @Test
    void fiveWrongCodesLockTheCheckWhichThenAnswersADistinctRefusalEvenToARightCode() throws Exception {
        Session s = register("+8613600000072", "goodPass123", "d");
        String secret = post("/app-api/user/totp/bind", null, s).data().get("secret").asText();
        assertThat(post("/app-api/user/totp/confirm", json("code", now(secret)), s).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(90));
        String verify = "/rpc-api/user/users/" + s.userId() + "/totp/verify";
        for (int i = 0; i < 4; i++) {
            Reply wrong = post(verify, json("code", wrongCode(secret)), null);
            assertThat(wrong.status()).isEqualTo(200);
            assertThat(wrong.data().asBoolean()).isFalse();
        }
        // the fifth wrong code locks: a refusal with its own code, a 423 (never a 401, and not a 429 that a caller
        // would take for "no answer, try again")
        Reply fifth = post(verify, json("code", wrongCode(secret)), null);
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.code()).isEqualTo(12015);
        assertThat(fifth.body().path("message").asText()).contains("try again in 900 s");

        Reply right = post(verify, json("code", now(secret)), null);
        assertThat(right.status()).isEqualTo(423);
        assertThat(right.code()).isEqualTo(12015);
        // one count per user, whoever asks: the app's own check is locked as well
        assertThat(post("/app-api/user/totp/verify", json("code", now(secret)), s).code()).isEqualTo(12015);

        clock.advance(Duration.ofMinutes(15));
        assertThat(post(verify, json("code", now(secret)), null).data().asBoolean()).isTrue();
    }

    /** A code that is none of the three accepted now (the step before, this one, the next). */
    String wrongCode(String secret) throws Exception {
        DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
        long step = clock.millis() / 1000 / 30;
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", i);
            if (!candidate.equals(generator.generate(secret, step - 1)) && !candidate.equals(generator.generate(secret, step))
                    && !candidate.equals(generator.generate(secret, step + 1))) {
                return candidate;
            }
        }
    }
}
