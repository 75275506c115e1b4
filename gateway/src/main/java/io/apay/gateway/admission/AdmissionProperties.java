package io.apay.gateway.admission;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code apay.gateway.admission.*}: how many requests each route group may have in flight to the services
 * ({@link AimdLimiter}). A group is a path's first segment ({@code merchant-api} for {@code /merchant-api/**});
 * a path whose group is not listed is never limited.
 */
@ConfigurationProperties("apay.gateway.admission")
public record AdmissionProperties(@DefaultValue("true") boolean enabled, Map<String, Group> groups) {

    public AdmissionProperties {
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }

    /** One group's limit: where it starts, its bounds, and the latency above which it goes down. */
    public record Group(@DefaultValue("32") int initial, @DefaultValue("16") int min, @DefaultValue("256") int max,
                        @DefaultValue("250ms") Duration targetLatency) {
    }
}
