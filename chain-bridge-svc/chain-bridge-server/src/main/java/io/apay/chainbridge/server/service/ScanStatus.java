package io.apay.chainbridge.server.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * How far each network's scanner is behind the chain's head: gauge {@code apay.chain.scan.lag} (blocks, tag network)
 * and the health detail {@code chainScanner}. A lagging scanner stays UP: deposits are late, nothing is wrong yet.
 */
@Component("chainScanner")
public class ScanStatus implements HealthIndicator {

    private final MeterRegistry meters;
    private final Map<String, long[]> headAndScanned = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

    public ScanStatus(MeterRegistry meters) {
        this.meters = meters;
    }

    public void update(String network, long head, long scanned) {
        headAndScanned.put(network, new long[] {head, scanned});
        lags.computeIfAbsent(network, n -> {
            AtomicLong lag = new AtomicLong();
            Gauge.builder("apay.chain.scan.lag", lag, AtomicLong::get).tag("network", n)
                    .description("blocks between the chain's head and the last block scanned").baseUnit("blocks").register(meters);
            return lag;
        }).set(Math.max(0, head - scanned));
    }

    public long lag(String network) {
        AtomicLong lag = lags.get(network);
        return lag == null ? -1 : lag.get();
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        headAndScanned.forEach((network, hs) -> details.put(network, Map.of("head", hs[0], "scanned", hs[1], "lag", Math.max(0, hs[0] - hs[1]))));
        return Health.up().withDetails(details).build();
    }
}
