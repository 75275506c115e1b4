package io.apay.wealth.server.service.accrual;

import io.apay.wealth.server.dal.mapper.AccrualMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code apay.wealth.accrual.stalled} ({@code apay_wealth_accrual_stalled} on /actuator/prometheus): how many
 * products' accrual is stopped by an unfunded reward pool. Alert when it is above 0. Counted from the products' rows
 * at start and after every stall or accrual call, so a scrape never touches the database.
 */
@Component
public class StalledProducts {

    private final AccrualMapper accruals;
    private final AtomicInteger stalled = new AtomicInteger();

    public StalledProducts(AccrualMapper accruals, MeterRegistry meters) {
        this.accruals = accruals;
        Gauge.builder("apay.wealth.accrual.stalled", stalled, AtomicInteger::get)
                .description("wealth products whose accrual is stopped by an unfunded reward pool").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void refresh() {
        stalled.set(accruals.countStalled());
    }

    public int current() {
        return stalled.get();
    }
}
