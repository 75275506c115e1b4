package io.apay.push.server.config;

import io.apay.common.core.crypto.SecretCipher;
import io.apay.push.server.service.session.SessionRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class PushConfig {

    /** Device secrets are stored encrypted under the platform's data key. */
    @Bean
    public SecretCipher secretCipher(@Value("${apay.crypto.secret-key:}") String key) {
        return SecretCipher.fromBase64(key);
    }

    /** {@code apay_push_sessions}: the monitor sockets this replica holds. */
    @Bean
    public MeterBinder pushSessionsGauge(SessionRegistry sessions) {
        return registry -> Gauge.builder("apay.push.sessions", sessions, SessionRegistry::size)
                .description("monitor WebSocket sessions held by this replica").register(registry);
    }

    /** Heartbeats, silence and timestamps read this clock (tests replace it with a controllable one). */
    @Bean
    public Clock pushClock() {
        return Clock.systemUTC();
    }
}
