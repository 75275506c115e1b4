package io.apay.wallet.server.controller.app.vo;

import java.math.BigDecimal;
import java.time.Instant;

/** An internal transfer: PENDING (the ledger's answer is awaited), DONE or FAILED (nothing moved). */
public record TransferView(String transferNo, long fromUserId, long toUserId, String coin, BigDecimal amount, String status,
                           Long txnId, Instant createdAt) {
}
