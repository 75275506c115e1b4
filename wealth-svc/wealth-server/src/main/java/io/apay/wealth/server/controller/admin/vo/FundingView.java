package io.apay.wealth.server.controller.admin.vo;

import java.math.BigDecimal;
import java.time.Instant;

/** A reward-pool funding: PENDING (the ledger's answer awaited; the recovery finishes it), DONE or FAILED (failureCode). */
public record FundingView(String fundingNo, long productId, String coin, BigDecimal amount, String status, String operator, String reason,
                          Long txnId, Integer failureCode, Instant createdAt) {
}
