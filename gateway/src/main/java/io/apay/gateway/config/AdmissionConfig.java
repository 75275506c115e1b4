package io.apay.gateway.config;

import io.apay.gateway.admission.AdmissionFilter;
import io.apay.gateway.admission.AdmissionProperties;
import io.apay.gateway.admission.AimdLimiter;
import io.apay.gateway.security.BodyLimits;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Admission control: one adaptive limit per route group ({@code apay.gateway.admission}). */
@Configuration
public class AdmissionConfig {

    @Bean
    public AdmissionFilter admissionFilter(AdmissionProperties props, BodyLimits bodyLimits, MeterRegistry registry) {
        Map<String, AimdLimiter> limiters = new HashMap<>();
        if (props.enabled()) {
            props.groups().forEach((group, g) -> limiters.put(group,
                    new AimdLimiter(g.initial(), g.min(), g.max(), g.targetLatency(), System::nanoTime)));
        }
        return new AdmissionFilter(limiters, bodyLimits, registry);
    }
}
