package io.apay.wealth.api.dto;

import java.time.LocalDate;
import java.util.List;

/**
 * What one accrual call did: {@code productDays} (product, day) pairs accrued now, {@code positionDays} position
 * rewards recorded by them, the products stopped by an unfunded reward pool (their codes), and the matured
 * positions whose auto-redemption it started.
 */
public record AccrualReport(LocalDate through, int productDays, long positionDays, List<String> stalledProducts,
                            int maturitiesStarted) {
}
