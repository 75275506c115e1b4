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
}
