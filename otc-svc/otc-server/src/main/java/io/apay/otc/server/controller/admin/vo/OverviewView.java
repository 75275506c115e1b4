package io.apay.otc.server.controller.admin.vo;

import java.util.Map;

/**
 * The console's dashboard. {@code ordersToday}: orders created since 00:00 UTC today, by their status now (every
 * status, 0 when none); {@code monitorsOnline}: approved acceptors whose monitor is connected; {@code appealsOpen},
 * {@code unmatchedPayments} (payment reports waiting for review): whenever they began.
 */
public record OverviewView(Map<String, Long> ordersToday, long monitorsOnline, long acceptorsActive, long applicationsPending,
                           long appealsOpen, long unmatchedPayments) {
}
