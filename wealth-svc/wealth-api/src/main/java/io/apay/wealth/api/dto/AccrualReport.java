package io.apay.wealth.api.dto;

import java.time.LocalDate;
import java.util.List;

/**
 * What one accrual call did: {@code productDays} (product, day) pairs accrued now, {@code positionDays} position
 * rewards recorded by them, the products stopped by an unfunded reward pool, the products that stopped short of
 * {@code through} for another reason (a ledger answer lost, a database error, another caller on it: the next call
 * finishes them), all by code, and the matured positions whose auto-redemption it started. The day is done only when
 * both lists are empty.
 */
public record AccrualReport(LocalDate through, int productDays, long positionDays, List<String> stalledProducts,
                            List<String> incompleteProducts, int maturitiesStarted) {

    public AccrualReport {
        // an answer from an older wealth-svc may lack a list: none
        stalledProducts = stalledProducts == null ? List.of() : stalledProducts;
        incompleteProducts = incompleteProducts == null ? List.of() : incompleteProducts;
    }

    public boolean done() {
        return stalledProducts.isEmpty() && incompleteProducts.isEmpty();
    }
}
