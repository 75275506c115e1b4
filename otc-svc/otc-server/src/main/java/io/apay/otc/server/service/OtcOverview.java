package io.apay.otc.server.service;

import io.apay.otc.api.enums.AcceptorStatus;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.server.controller.admin.vo.OverviewView;
import io.apay.otc.server.dal.mapper.ConsoleMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** The operators' dashboard: today's orders by status (UTC day of creation) and what waits for someone. */
@Service
public class OtcOverview {

    private final ConsoleMapper console;
    private final Clock clock;

    public OtcOverview(ConsoleMapper console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    public OverviewView overview() {
        LocalDateTime today = LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay();
        Map<String, Long> counted = console.ordersCreatedBetween(today, today.plusDays(1)).stream()
                .collect(Collectors.toMap(c -> c.key, c -> c.n));
        Map<String, Long> ordersToday = new LinkedHashMap<>();
        for (OrderStatus s : OrderStatus.values()) {
            ordersToday.put(s.name(), counted.getOrDefault(s.name(), 0L)); // every status, 0 when none
        }
        Map<String, Long> acceptors = console.acceptors().stream().collect(Collectors.toMap(c -> c.key, c -> c.n));
        return new OverviewView(ordersToday, acceptors.getOrDefault("ONLINE", 0L),
                acceptors.getOrDefault(AcceptorStatus.ACTIVE.name(), 0L), acceptors.getOrDefault(AcceptorStatus.APPLIED.name(), 0L),
                console.openAppeals(), console.unmatchedReports());
    }
}
