package io.apay.chainbridge.server.service;

import io.apay.chainbridge.server.config.ChainProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Keeps the hot wallet between its thresholds, by telling people: above {@code max} the excess should go to the cold
 * address, below {@code min} it should be refilled from cold storage (cold keys are offline: a person moves the coin).
 * Each alert is a WARN log and the gauges {@code apay.chain.hot.balance} and {@code apay.chain.hot.alert} (1 above
 * max, -1 below min, 0 fine), tagged network and coin, for the monitoring's alert rules.
 */
@Service
public class HotColdCheck {

    private static final Logger log = LoggerFactory.getLogger(HotColdCheck.class);

    public enum Level { BELOW_MIN, OK, ABOVE_MAX }

    /** {@code move}: the excess above max (to cold) or what is missing to min (from cold); zero when OK. */
    public record Finding(String network, String coin, BigDecimal balance, Level level, BigDecimal move) {
    }

    private final Networks networks;
    private final MeterRegistry meters;
    private final Map<String, AtomicReference<Finding>> latest = new ConcurrentHashMap<>();

    public HotColdCheck(Networks networks, MeterRegistry meters) {
        this.networks = networks;
        this.meters = meters;
    }

    public List<Finding> runOnce(String network) {
        Network net = networks.require(network);
        List<Finding> findings = new ArrayList<>();
        if (net.hotAddress() == null) {
            return findings;
        }
        for (Map.Entry<String, ChainProperties.Threshold> t : net.config().getHotWallet().getThresholds().entrySet()) {
            String coin = t.getKey();
            BigDecimal balance = net.toAmount(coin, net.adapter().balance(coin, net.hotAddress()));
            ChainProperties.Threshold limits = t.getValue();
            Finding f;
            if (limits.getMax() != null && balance.compareTo(limits.getMax()) > 0) {
                f = new Finding(network, coin, balance, Level.ABOVE_MAX, balance.subtract(limits.getMax()));
                log.warn("{}: the hot wallet {} holds {} {}, above its max {}: move {} to the cold address {}", network, net.hotAddress(),
                        balance, coin, limits.getMax(), f.move(), net.config().getColdAddress());
            } else if (limits.getMin() != null && balance.compareTo(limits.getMin()) < 0) {
                f = new Finding(network, coin, balance, Level.BELOW_MIN, limits.getMin().subtract(balance));
                log.warn("{}: the hot wallet {} holds {} {}, below its min {}: refill at least {} from cold storage", network,
                        net.hotAddress(), balance, coin, limits.getMin(), f.move());
            } else {
                f = new Finding(network, coin, balance, Level.OK, BigDecimal.ZERO);
            }
            record(f);
            findings.add(f);
        }
        return findings;
    }

    private void record(Finding f) {
        latest.computeIfAbsent(f.network() + "/" + f.coin(), k -> {
            AtomicReference<Finding> ref = new AtomicReference<>(f);
            Gauge.builder("apay.chain.hot.balance", ref, r -> r.get().balance().doubleValue())
                    .tags("network", f.network(), "coin", f.coin()).description("the hot wallet's balance").register(meters);
            Gauge.builder("apay.chain.hot.alert", ref, r -> switch (r.get().level()) {
                        case ABOVE_MAX -> 1;
                        case BELOW_MIN -> -1;
                        case OK -> 0;
                    }).tags("network", f.network(), "coin", f.coin())
                    .description("1: above max (move to cold), -1: below min (refill), 0: fine").register(meters);
            return ref;
        }).set(f);
    }
}
