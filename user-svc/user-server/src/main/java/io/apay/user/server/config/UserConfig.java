package io.apay.user.server.config;

import io.apay.common.core.crypto.SecretCipher;
import io.apay.sms.api.SmsApi;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration
@EnableFeignClients(clients = SmsApi.class)
public class UserConfig {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** BCrypt, cost 10: about 60 ms a check here, enough to make guessing slow without hurting logins. */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    @Bean
    public SecretCipher secretCipher(@Value("${apay.crypto.secret-key:}") String key) {
        return SecretCipher.fromBase64(key);
    }
}
